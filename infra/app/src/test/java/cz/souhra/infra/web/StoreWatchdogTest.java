package cz.souhra.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import cz.souhra.infra.store.StoreLiveness;
import cz.souhra.infra.store.StoreUnavailableException;
import reactor.core.publisher.Mono;

class StoreWatchdogTest {

    /** A liveness whose ping takes {@code pingTakes} and says {@code up}; its own client points nowhere and is never used. */
    private static final class SlowPing extends StoreLiveness {
        private final Duration pingTakes;
        private final boolean up;
        final AtomicInteger pings = new AtomicInteger();

        SlowPing(Duration pingTakes, boolean up) {
            super("mongodb://127.0.0.1:9/none", Duration.ofMillis(100), Clock.systemUTC());
            this.pingTakes = pingTakes;
            this.up = up;
        }

        @Override
        public Mono<Boolean> answers() {
            pings.incrementAndGet();
            return Mono.delay(pingTakes).thenReturn(up);
        }
    }

    private SlowPing liveness;

    @AfterEach
    void close() {
        liveness.destroy();
    }

    private StoreWatchdog watchdog(SlowPing store) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("liveness", store);
        return new StoreWatchdog(beans.getBeanProvider(StoreLiveness.class), Duration.ofMillis(50));
    }

    @Test
    void given_a_slow_but_live_store_whose_pings_outlast_the_period_when_a_read_waits_then_it_gets_its_answer_not_an_error() {
        liveness = new SlowPing(Duration.ofMillis(180), true);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/institutions"));

        watchdog(liveness).filter(exchange, e -> Mono.delay(Duration.ofMillis(700)).then()).block(Duration.ofSeconds(5));

        // ticks every 50 ms while each ping takes 180 ms: the ticks in between were dropped, not an overflow
        assertThat(liveness.pings.get()).isBetween(2, 5);
    }

    @Test
    void given_a_store_that_stopped_answering_when_a_read_waits_then_it_ends_with_store_unavailable() {
        liveness = new SlowPing(Duration.ofMillis(180), false);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/institutions"));

        assertThatThrownBy(() -> watchdog(liveness).filter(exchange, e -> Mono.never()).block(Duration.ofSeconds(5)))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
