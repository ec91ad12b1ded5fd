package cz.souhra.infra.web;

import java.util.Locale;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** The page a browser gets instead of a problem document: the UI's error page, in the UI's language. */
public interface HtmlErrorPage {

    /** The language the page is shown in (the UI's choice, not Accept-Language). */
    Locale locale(ServerWebExchange exchange);

    /** Writes the page for the problem; the response status is already set. */
    Mono<Void> render(ServerWebExchange exchange, HttpStatusCode status, ProblemDetail problem);
}
