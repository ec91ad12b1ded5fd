package cz.souhra.infra.web;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cz.souhra.infra.store.StoreLiveness;
import cz.souhra.infra.store.StoreUnavailableException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers 503 within about two seconds when the store stops answering, instead of when the driver's
 * socket timeout ends the wait (10 s). A request still unanswered after a second has the store pinged
 * (see {@link StoreLiveness}), again every second; a slow answer from a live store is waited for, a dead
 * store ends the request with 503. A command that was already dispatched may still be recorded when the
 * store comes back (there are no transactions to roll it back), so its 503 says the outcome is unknown;
 * commands that arrive after a failed ping wait for a fresh ping and are refused before anything is
 * sent, so their 503 means not recorded. Event streams and answers already being written are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class StoreWatchdog implements WebFilter {

    private final ObjectProvider<StoreLiveness> liveness;
    private final Duration every;

    StoreWatchdog(ObjectProvider<StoreLiveness> liveness, @Value("${souhra.store.watchdog-after:PT1S}") Duration every) {
        this.liveness = liveness;
        this.every = every;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        StoreLiveness store = liveness.getIfAvailable();
        if (store == null || eventStream(exchange)) {
            return chain.filter(exchange);
        }
        boolean command = !safe(exchange.getRequest().getMethod());
        if (command && store.recentlyFailed()) {
            return store.answers().flatMap(up -> up ? chain.filter(exchange)
                    : Mono.error(new StoreUnavailableException("the store did not answer a ping; the command was not sent", false)));
        }
        // A ping can outlast the period (its deadline plus server selection), and concatMap asks for the next
        // tick only when a ping is done: without the drop, the tick that came meanwhile failed the request
        // with reactor's OverflowException, a 500 (seen once in FrozenStoreTest).
        Mono<Void> storeGone = Flux.interval(every, every)
                .onBackpressureDrop()
                .filter(tick -> !exchange.getResponse().isCommitted())
                .concatMap(tick -> store.answers())
                .filter(up -> !up)
                .next()
                .then(Mono.error(new StoreUnavailableException("the store stopped answering while the request waited", command)));
        return Mono.firstWithSignal(chain.filter(exchange), storeGone);
    }

    // The raw header: a malformed Accept must not fail here (parsing it throws).
    private static boolean eventStream(ServerWebExchange exchange) {
        String accept = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
    }

    private static boolean safe(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
    }
}
