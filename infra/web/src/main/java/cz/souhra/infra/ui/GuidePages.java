package cz.souhra.infra.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;

/**
 * The user guides of docs/guide, one per role, rendered into the UI's layout in the user's language, with the
 * screenshots they show. The build packages them from docs/ (infra/web's pom), so docs/ stays their one source;
 * the footer of every page links them, the guide of the user's own role first. Open to everyone, like the
 * accessibility statement: they hold nothing a login protects.
 */
@Controller
class GuidePages {

    /** The guides in the order shown to someone without a role; each is guide/&lt;name&gt;.&lt;cs|en&gt;.md on the class path. */
    static final List<String> GUIDES = List.of("secretary", "member", "administrator", "auditor");

    private static final Pattern SCREENSHOT = Pattern.compile("(?:\\.\\./screenshots/)?([a-z0-9-]+\\.png)");
    private static final Pattern GUIDE_LINK = Pattern.compile("([a-z]+)\\.(?:cs|en)\\.md(#.*)?");

    private final Parser parser = Parser.builder().build();
    // raw HTML in the markdown is shown as text, and only safe link targets are kept
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .attributeProviderFactory(context -> new Addresses()).build();
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    /** The guides for the footer: those of the user's roles first (administrator, secretary, member, auditor), then the rest. */
    static List<String> order(Actor actor) {
        List<String> out = new ArrayList<>();
        if (actor != null) {
            for (var role : List.of(Actor.Role.ADMIN, Actor.Role.SECRETARY, Actor.Role.MEMBER, Actor.Role.AUDITOR)) {
                if (actor.has(role)) {
                    out.add(switch (role) {
                        case ADMIN -> "administrator";
                        case SECRETARY -> "secretary";
                        case MEMBER -> "member";
                        default -> "auditor";
                    });
                }
            }
        }
        GUIDES.stream().filter(g -> !out.contains(g)).forEach(out::add);
        return out;
    }

    @GetMapping("/guide/{name}")
    Mono<Rendering> guide(@PathVariable String name, ServerWebExchange exchange) {
        if (!GUIDES.contains(name)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String lang = languageOf(UiAdvice.locale(exchange));
        return Pages.blocking(() -> Rendering.view("guide").modelAttribute("name", name)
                .modelAttribute("html", rendered.computeIfAbsent(name + "." + lang, this::render)).build());
    }

    @GetMapping("/guide/screenshots/{file:[a-z0-9-]+\\.png}")
    Mono<ResponseEntity<Resource>> screenshot(@PathVariable String file) {
        Resource png = new ClassPathResource("guide/screenshots/" + file);
        if (!png.exists()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return Mono.just(ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.maxAge(Duration.ofDays(1))).body(png));
    }

    private String render(String key) {
        try (InputStream in = new ClassPathResource("guide/" + key + ".md").getInputStream()) {
            return renderer.render(parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the build packages every guide of GUIDES in both languages; a missing one is a broken build
            throw new IllegalStateException("The guide " + key + " is not on the class path", e);
        }
    }

    /** The guides' relative addresses (../screenshots/x.png, other.cs.md) as the application serves them. */
    private static final class Addresses implements AttributeProvider {
        @Override
        public void setAttributes(org.commonmark.node.Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Image) {
                Matcher m = SCREENSHOT.matcher(attributes.getOrDefault("src", ""));
                if (m.matches()) {
                    attributes.put("src", "/guide/screenshots/" + m.group(1));
                    attributes.put("loading", "lazy");
                }
            } else if (node instanceof Link) {
                Matcher m = GUIDE_LINK.matcher(attributes.getOrDefault("href", ""));
                if (m.matches() && GUIDES.contains(m.group(1))) {
                    attributes.put("href", "/guide/" + m.group(1) + (m.group(2) == null ? "" : m.group(2)));
                }
            }
        }
    }

    /** The guides are written in Czech and English; Czech is the UI's language for anyone else. */
    static String languageOf(Locale locale) {
        return locale.getLanguage().equals("en") ? "en" : "cs";
    }
}
