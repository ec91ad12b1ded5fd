package cz.souhra.infra.security;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The address a login attempt came from, as the login throttle counts it: the connection's remote address.
 * Behind a reverse proxy every client would share the proxy's address, and the per-address limit would
 * then slow everyone at once; {@code X-Forwarded-For} / {@code Forwarded} are honoured only when Spring's
 * {@code server.forward-headers-strategy} is set ({@code native} or {@code framework}), which must be done
 * only behind a proxy that overwrites those headers, since a client could otherwise name any address.
 */
final class ClientAddress {

    static final String UNKNOWN = "unknown";

    private ClientAddress() {}

    /** From the exchange Spring Security keeps in the Reactor context of every request it handles. */
    static Mono<String> of() {
        return Mono.deferContextual(ctx -> Mono.just(ctx.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                .map(ClientAddress::of).orElse(UNKNOWN)));
    }

    static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return UNKNOWN;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
