package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class PacedTailEngineTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> waits = new ArrayList<>();
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private final PacedTailEngine engine = new PacedTailEngine(store, Duration.ofMillis(10), now::get, nanos -> {
        waits.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void given_a_tail_read_just_done_when_the_producer_reads_again_then_it_waits_out_the_rest_of_the_gap() {
        engine.readEvents(null, true);
        assertThat(waits).isEmpty();

        now.addAndGet(3 * MS);
        engine.readEvents(null, true);
        assertThat(waits).containsExactly(7 * MS);
    }

    @Test
    void given_a_quiet_spell_longer_than_the_gap_when_the_producer_reads_then_it_reads_at_once() {
        engine.readEvents(null, true);
        now.addAndGet(250 * MS);
        engine.readEvents(null, true);
        assertThat(waits).isEmpty();
    }

    @Test
    void given_a_tail_read_just_done_when_a_processor_reads_its_own_stream_or_an_aggregate_loads_then_nothing_waits() {
        store.appendEvents(new GenericDomainEventMessage<>("Measure", "m-1", 0, "payload"));
        engine.readEvents(null, true);

        List<? extends TrackedEventMessage<?>> own = engine.readEvents(null, false).toList();
        long loaded = engine.readEvents("m-1").asStream().count();

        assertThat(waits).isEmpty();
        assertThat(own).hasSize(1);
        assertThat(loaded).isEqualTo(1);
        assertThat(engine.readEvents(null, true).toList()).as("what the producer then reads").hasSize(1);
        assertThat(waits).containsExactly(10 * MS);
    }

    @Test
    void given_no_gap_when_the_producer_reads_back_to_back_then_it_never_waits() {
        PacedTailEngine unpaced = new PacedTailEngine(store, Duration.ZERO, now::get, waits::add);
        unpaced.readEvents(null, true);
        unpaced.readEvents(null, true);
        assertThat(waits).isEmpty();
        assertThatThrownBy(() -> new PacedTailEngine(store, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_method_of_the_storage_engine_goes_to_the_delegate_defaults_included() {
        // a default method left to the interface would bypass the Mongo engine's own implementation
        List<String> missing = new ArrayList<>();
        for (Method m : EventStorageEngine.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                PacedTailEngine.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        assertThat(missing).isEmpty();
    }
}
