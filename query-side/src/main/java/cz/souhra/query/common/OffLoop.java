package cz.souhra.query.common;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a query off the Netty event loop. Axon's simple query bus answers on the caller's thread, and the
 * handlers read MongoDB with the blocking driver: called on an event-loop thread, a slow store read stalls
 * every other connection served by that loop (seen as a request with no answer for 30 s under load).
 */
public final class OffLoop {

    private OffLoop() {
    }

    public static <T> Mono<T> ask(Supplier<CompletableFuture<T>> query) {
        return Mono.fromFuture(query).subscribeOn(Schedulers.boundedElastic());
    }
}
