package cz.souhra.infra.ui;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** Messages and the language of the UI: Czech unless the user switched to English with {@code ?lang=en}. */
@Configuration(proxyBeanMethods = false)
class UiConfiguration {

    static final Locale CZECH = Locale.forLanguageTag("cs");
    static final String LANG_COOKIE = "lang";

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages");
        messages.setDefaultEncoding("UTF-8");
        // Czech is the base bundle; the server's own locale must never pick the language.
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /**
     * The switch is remembered in a cookie so that every later page, fragment and event stream speaks the
     * chosen language; without it the UI is Czech whatever the browser prefers, as the platforms work in Czech.
     */
    @Bean
    LocaleContextResolver localeContextResolver() {
        return new LocaleContextResolver() {
            @Override
            public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
                String asked = exchange.getRequest().getQueryParams().getFirst("lang");
                if (asked != null && (asked.equals("cs") || asked.equals("en"))) {
                    exchange.getResponse().addCookie(ResponseCookie.from(LANG_COOKIE, asked).path("/").maxAge(Duration.ofDays(365))
                            .httpOnly(true).sameSite("Lax").build());
                    return new SimpleLocaleContext(Locale.forLanguageTag(asked));
                }
                HttpCookie cookie = exchange.getRequest().getCookies().getFirst(LANG_COOKIE);
                return new SimpleLocaleContext(cookie != null && cookie.getValue().equals("en") ? Locale.ENGLISH : CZECH);
            }

            @Override
            public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
                throw new UnsupportedOperationException("the language is chosen with ?lang=");
            }
        };
    }
}
