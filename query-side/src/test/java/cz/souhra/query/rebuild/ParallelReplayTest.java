package cz.souhra.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ViewLookup;

/**
 * The rebuild's first pass on one thread per projection: each projection must see every event in the
 * order given and write what it folded; a projection that fails must fail the rebuild, not hang it.
 */
class ParallelReplayTest {

    /** Appends each event's number to one document per aggregate: the order it saw them in. */
    private static class Sequence implements Projector {
        private final String name;

        Sequence(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> collections() {
            return List.of(name);
        }

        @Override
        public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
            Document current = views.get(name, meta.aggregateId());
            List<Object> seen = current == null ? new ArrayList<>() : new ArrayList<>(current.getList("seen", Object.class));
            seen.add(payload);
            return List.of(new Write(name, new Document("_id", meta.aggregateId()).append("seen", seen)));
        }
    }

    private static EventMeta meta(String aggregate, long sequence) {
        return new EventMeta("e-" + aggregate + "-" + sequence, aggregate, sequence, Instant.parse("2026-03-01T09:00:00Z").plusSeconds(sequence),
                "novak", "KULK", "LBK", null, "Measure", null);
    }

    @Test
    void given_events_for_two_projections_when_replayed_in_parallel_then_each_folds_all_in_order_and_writes_its_collection() throws Exception {
        Map<String, List<Document>> written = new ConcurrentHashMap<>();
        try (ParallelReplay replay = new ParallelReplay(List.of(new Sequence("a"), new Sequence("b")), written::put)) {
            for (int i = 0; i < 10_000; i++) {
                replay.fold(i, meta("agg-" + (i % 3), i));
            }
            replay.finish();
        }

        assertThat(written).containsOnlyKeys("a", "b");
        for (List<Document> docs : written.values()) {
            assertThat(docs).extracting(d -> d.getString("_id")).containsExactly("agg-0", "agg-1", "agg-2");
            for (int agg = 0; agg < 3; agg++) {
                List<Integer> seen = docs.get(agg).getList("seen", Integer.class);
                assertThat(seen).hasSize(agg == 0 ? 3334 : 3333).isSorted();
                assertThat(seen.get(0)).isEqualTo(agg);
            }
        }
    }

    @Test
    @Timeout(60) // a reader blocked on the failed projection's full queue would otherwise hang the suite
    void given_a_projection_that_fails_midway_when_replayed_then_the_failure_reaches_the_reader_instead_of_blocking_it() {
        Projector failing = new Sequence("broken") {
            @Override
            public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
                if ((int) payload == 100) {
                    throw new IllegalStateException("projection bug at event 100");
                }
                return super.fold(views, payload, meta);
            }
        };
        try (ParallelReplay replay = new ParallelReplay(List.of(new Sequence("fine"), failing), (c, d) -> { })) {
            // far more events than a queue holds: a reader waiting for room in the failed projection's queue would wait for ever
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    replay.fold(i, meta("agg", i));
                }
                replay.finish();
            }).isInstanceOf(IllegalStateException.class).hasMessage("projection bug at event 100");
        }
    }

    private static DomainEventMessage<Object> message(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Measure", aggregate, sequence, payload, MetaData.with("user", "novak"));
    }

    @Test
    void given_messages_deserialized_off_the_reading_thread_when_replayed_then_each_projection_folds_all_in_the_order_read() throws Exception {
        Map<String, List<Document>> written = new ConcurrentHashMap<>();
        try (ParallelReplay replay = new ParallelReplay(List.of(new Sequence("a"), new Sequence("b")), written::put)) {
            // many chunks, the last one partial, and already deserialized events mixed in: the order must hold across them
            for (int i = 0; i < 10_001; i++) {
                if (i % 1000 == 7) {
                    replay.fold(i, meta("agg-" + (i % 3), i));
                } else {
                    replay.fold(message("agg-" + (i % 3), i, i));
                }
            }
            replay.finish();
        }

        for (List<Document> docs : written.values()) {
            assertThat(docs).extracting(d -> d.getString("_id")).containsExactly("agg-0", "agg-1", "agg-2");
            for (int agg = 0; agg < 3; agg++) {
                List<Integer> seen = docs.get(agg).getList("seen", Integer.class);
                assertThat(seen).hasSize(agg == 0 ? 3334 : 3334 - (agg == 2 ? 1 : 0)).isSorted();
                for (int k = 0; k < seen.size(); k++) {
                    assertThat(seen.get(k)).isEqualTo(agg + 3 * k);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void given_an_event_that_cannot_be_deserialized_when_replayed_then_its_failure_reaches_the_reader() {
        try (ParallelReplay replay = new ParallelReplay(List.of(new Sequence("a")), (c, d) -> { })) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 5_000; i++) {
                    int n = i;
                    replay.fold(i == 300 ? new GenericDomainEventMessage<Object>("Measure", "agg", i, i) {
                        @Override
                        public Object getPayload() {
                            throw new IllegalStateException("unknown payload type at event " + n);
                        }
                    } : message("agg", i, i));
                }
                replay.finish();
            }).isInstanceOf(IllegalStateException.class).hasMessage("unknown payload type at event 300");
        }
    }
}
