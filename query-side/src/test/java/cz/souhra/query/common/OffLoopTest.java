package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class OffLoopTest {

    @Test
    void given_request_on_a_non_blocking_thread_when_query_asked_then_handler_runs_on_a_blocking_capable_worker() {
        AtomicReference<Thread> handler = new AtomicReference<>();
        AtomicReference<Thread> caller = new AtomicReference<>();

        String answer = Mono.defer(() -> {
                    caller.set(Thread.currentThread());
                    return OffLoop.ask(() -> {
                        handler.set(Thread.currentThread());
                        return CompletableFuture.completedFuture("view");
                    });
                })
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("view");
        assertThat(Schedulers.isNonBlockingThread(caller.get())).isTrue();
        assertThat(Schedulers.isNonBlockingThread(handler.get())).isFalse();
        assertThat(handler.get().getName()).startsWith("boundedElastic");
    }
}
