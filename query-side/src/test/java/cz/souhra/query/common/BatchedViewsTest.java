package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;

class BatchedViewsTest {

    /** Counts the events it saw in one document, reading its own last write: order and overlay both show. */
    private static final Projector COUNTER = new Projector() {
        @Override
        public String name() {
            return "counter";
        }

        @Override
        public List<String> collections() {
            return List.of("counter");
        }

        @Override
        public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
            Document current = views.get("counter", "c");
            int n = current == null ? 0 : current.getInteger("n");
            List<Object> seen = current == null ? new ArrayList<>() : new ArrayList<>(current.getList("seen", Object.class));
            seen.add(payload);
            return List.of(new Write("counter", new Document("_id", "c").append("n", n + 1).append("seen", seen)));
        }
    };

    /** Adds its payload as a field of one document, by merge; answers nothing for a field already there. */
    private static final Projector MERGER = new Projector() {
        @Override
        public String name() {
            return "merger";
        }

        @Override
        public List<String> collections() {
            return List.of("merged");
        }

        @Override
        public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
            Document current = views.get("merged", "m");
            return current != null && current.containsKey((String) payload) ? List.of()
                    : List.of(Write.merge("merged", new Document("_id", "m").append((String) payload, true)));
        }
    };

    /** Counts the events of each aggregate in a document of its own, and says which document it reads. */
    private static final Projector PER_AGGREGATE = new Projector() {
        @Override
        public String name() {
            return "per-aggregate";
        }

        @Override
        public List<String> collections() {
            return List.of("per_aggregate");
        }

        @Override
        public List<Read> reads(Object payload, EventMeta meta) {
            return List.of(new Read("per_aggregate", meta.aggregateId()));
        }

        @Override
        public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
            Document current = views.get("per_aggregate", meta.aggregateId());
            int n = current == null ? 0 : current.getInteger("n");
            return List.of(new Write("per_aggregate", new Document("_id", meta.aggregateId()).append("n", n + 1)));
        }
    };

    private final QueryFixture f = new QueryFixture();
    private final MongoViews store = f.readModels.live();
    private final BatchedViews views = new BatchedViews(store);

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void given_a_tracking_batch_when_its_events_are_handled_then_nothing_is_stored_before_the_last_event_and_everything_after() {
        List<Document> storedWhileHandling = new ArrayList<>();

        ResultMessage<?> result = runBatch(List.of("a", "b", "c"), payload -> {
            views.fold(COUNTER, payload, null);
            storedWhileHandling.add(store.get("counter", "c"));
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(storedWhileHandling).hasSize(3);
        assertThat(storedWhileHandling.subList(0, 2)).containsOnlyNulls();
        Document stored = store.get("counter", "c");
        assertThat(stored.getInteger("n")).isEqualTo(3);
        assertThat(stored.getList("seen", String.class)).containsExactly("a", "b", "c");
    }

    @Test
    void given_a_batch_with_a_failing_event_when_it_runs_then_no_write_of_the_batch_is_stored() {
        ResultMessage<?> result = runBatch(List.of("a", "boom", "c"), payload -> {
            if (payload.equals("boom")) {
                throw new IllegalStateException("store timed out");
            }
            views.fold(COUNTER, payload, null);
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(store.get("counter", "c")).isNull();
    }

    @Test
    void given_an_earlier_batch_stored_when_the_next_batch_runs_then_it_continues_from_the_stored_document() {
        runBatch(List.of("a", "b"), payload -> views.fold(COUNTER, payload, null));
        runBatch(List.of("c"), payload -> views.fold(COUNTER, payload, null));

        assertThat(store.get("counter", "c").getList("seen", String.class)).containsExactly("a", "b", "c");
    }

    @Test
    void given_a_notification_that_reads_the_views_back_when_a_batch_runs_then_it_runs_once_after_the_writes_are_stored() {
        List<Integer> notified = new ArrayList<>();

        runBatch(List.of("a", "b", "c"), payload -> {
            views.fold(COUNTER, payload, null);
            BatchedViews.afterStored("counter/c", () -> notified.add(store.get("counter", "c").getInteger("n")));
        });

        assertThat(notified).containsExactly(3);
    }

    @Test
    void given_a_batch_whose_last_event_never_reaches_the_fold_when_it_commits_then_the_earlier_writes_are_still_stored() {
        runBatch(List.of("a", "b", "not-for-me"), payload -> {
            if (!payload.equals("not-for-me")) {
                views.fold(COUNTER, payload, null);
            }
        });

        assertThat(store.get("counter", "c").getList("seen", String.class)).containsExactly("a", "b");
    }

    @Test
    void given_two_segments_merging_into_one_document_at_the_same_time_when_both_batches_are_stored_then_no_field_is_lost() throws Exception {
        runBatch(List.of("a", "b"), payload -> {
            views.fold(MERGER, payload, null);
            if (payload.equals("a")) {
                // the other segment's batch starts after this one read the document and is stored before it
                Thread other = new Thread(() -> runBatch(List.of("x"), p -> views.fold(MERGER, p, null)));
                other.start();
                join(other);
                assertThat(store.get("merged", "m").keySet()).containsExactlyInAnyOrder("_id", "x");
                assertThat(views.fold(MERGER, "a", null)).as("the batch reads its own merge over the stored document").isEmpty();
            }
        });

        assertThat(store.get("merged", "m").keySet()).containsExactlyInAnyOrder("_id", "a", "b", "x");
    }

    @Test
    void given_a_replace_then_a_merge_of_one_document_in_a_batch_when_stored_then_the_merge_applies_on_the_replaced_document() {
        Projector.Write replace = new Projector.Write("merged", new Document("_id", "m").append("r", 1));
        Projector.Write merge = Projector.Write.merge("merged", new Document("_id", "m").append("a", true));

        assertThat(replace.then(merge).merge()).isFalse();
        assertThat(replace.then(merge).document()).isEqualTo(new Document("_id", "m").append("r", 1).append("a", true));
        assertThat(merge.then(replace)).isEqualTo(replace);
        assertThat(merge.then(Projector.Write.merge("merged", new Document("_id", "m").append("b", true))).document().keySet())
                .containsExactlyInAnyOrder("_id", "a", "b");
        Projector.Write later = merge.then(Projector.Write.merge("merged", new Document("_id", "m").append("a", false)));
        assertThat(later.merge()).isTrue();
        assertThat(later.document().getBoolean("a")).as("the later merge's value wins").isFalse();
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void given_no_unit_of_work_when_an_event_is_folded_then_it_is_stored_at_once() {
        views.fold(COUNTER, "a", null);

        assertThat(store.get("counter", "c").getInteger("n")).isEqualTo(1);
    }

    @Test
    void given_a_batch_of_several_aggregates_when_folded_then_their_documents_are_read_in_one_round_trip_and_folded_as_one_by_one() {
        AtomicInteger collectionUses = new AtomicInteger();
        BatchedViews counted = new BatchedViews(new MongoViews(name -> {
            collectionUses.incrementAndGet();
            return f.readModels.collection(name);
        }));
        store.apply(List.of(new Projector.Write("per_aggregate", new Document("_id", "y").append("n", 5))));
        List<EventMessage<?>> batch = new ArrayList<>();
        String[] aggregates = {"x", "y", "x", "z", "x"};
        for (int i = 0; i < aggregates.length; i++) {
            batch.add(new GenericDomainEventMessage<>("Measure", aggregates[i], i, "event " + i));
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);

        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            counted.fold(PER_AGGREGATE, unitOfWork.getMessage().getPayload(), EventMeta.of(unitOfWork.getMessage()));
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(store.get("per_aggregate", "x").getInteger("n")).isEqualTo(3);
        assertThat(store.get("per_aggregate", "y").getInteger("n")).isEqualTo(6);
        assertThat(store.get("per_aggregate", "z").getInteger("n")).isEqualTo(1);
        // one read ahead and one bulk write; reading each aggregate's document at its first event made three reads
        assertThat(collectionUses.get()).isEqualTo(2);
    }

    /** What Axon's tracking processor does with a batch: one unit of work, the handler called for each event. */
    private static ResultMessage<?> runBatch(List<String> payloads, java.util.function.Consumer<String> handler) {
        List<EventMessage<?>> batch = payloads.stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> {
            handler.accept((String) unitOfWork.getMessage().getPayload());
            return null;
        });
    }
}
