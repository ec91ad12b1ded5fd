package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cz.souhra.query.common.Projector;
import cz.souhra.query.common.Views;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.rebuild.ReadModelDigest;
import cz.souhra.query.rebuild.RebuildService;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

/**
 * The audit promise of the read side, over random valid histories: the live read models equal a full
 * rebuild, as-of answers equal a replay truncated at that instant, and redelivery changes nothing.
 */
class ReadModelDeterminismTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void live_read_models_equal_a_full_rebuild_and_as_of_equals_a_truncated_replay(long seed) {
        List<DomainEventMessage<?>> history = RandomHistory.generate(seed, 6);
        Random random = new Random(seed);
        try (QueryFixture live = new QueryFixture()) {
            for (DomainEventMessage<?> e : history) {
                live.appendAndDeliver(e);
                // a tracking processor redelivers after a crash between handling and storing its token
                if (random.nextInt(5) == 0) {
                    live.deliver(history.get(random.nextInt(history.indexOf(e) + 1)));
                }
            }
            ReadModelDigest.Digest before = live.digest.live();

            RebuildService.Report verify = live.rebuild.verify("all", p -> {});
            assertThat(verify.firstDifference()).isNull();
            assertThat(verify.equal()).isTrue();
            assertThat(verify.events()).isEqualTo(history.size());

            RebuildService.Report rebuilt = live.rebuild.rebuild("all", p -> {});
            assertThat(rebuilt.switched()).isTrue();
            assertThat(live.mongo.collectionExists(MeasureProjection.STATUS + cz.souhra.query.common.ReadModels.SHADOW_SUFFIX)).isFalse();
            assertThat(live.digest.live().total()).isEqualTo(before.total());

            Instant first = history.get(0).getTimestamp();
            Instant last = history.get(history.size() - 1).getTimestamp();
            List<Instant> instants = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                instants.add(first.plusSeconds((long) (random.nextDouble() * Duration.between(first, last).getSeconds())));
            }
            instants.add(history.get(random.nextInt(history.size())).getTimestamp());
            for (Instant t : instants) {
                assertAsOfEqualsTruncatedReplay(live, history, t);
            }
        }
    }

    private static void assertAsOfEqualsTruncatedReplay(QueryFixture live, List<DomainEventMessage<?>> history, Instant t) {
        try (QueryFixture truncated = new QueryFixture()) {
            history.stream().filter(e -> !e.getTimestamp().isAfter(t)).forEach(truncated::deliver);
            for (Projector p : live.projectors) {
                Map<String, List<Document>> asOf = QueryFixture.snapshot(live.replay.all(p, t), List.of(p));
                Map<String, List<Document>> expected = new java.util.TreeMap<>();
                p.collections().forEach(c -> expected.put(c, truncated.snapshot().get(c)));
                assertThat(ReadModelDigest.firstDifference(asOf, expected)).as("%s as of %s", p.name(), t).isNull();
            }
            for (Document d : truncated.collection(MeasureProjection.STATUS).find()) {
                MeasureView answered = live.measureQueries.find(new MeasureQueries.FindMeasure(d.getString("_id"), t));
                assertThat(answered).isEqualTo(Views.fromDocument(d, MeasureView.class));
            }
        }
    }

    /**
     * A tracking processor split into segments keeps each aggregate's order but not the order between
     * aggregates: one segment may run far ahead of another (a replay after a token reset). Any such
     * interleaving must build the same read models.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6, 9, 12, 15, 18})
    void read_models_do_not_depend_on_the_order_between_aggregates(long seed) {
        List<DomainEventMessage<?>> history = RandomHistory.generate(seed, 6);
        Random random = new Random(seed);
        java.util.Map<String, java.util.ArrayDeque<DomainEventMessage<?>>> queues = new java.util.LinkedHashMap<>();
        history.forEach(e -> queues.computeIfAbsent(e.getAggregateIdentifier(), k -> new java.util.ArrayDeque<>()).add(e));
        List<DomainEventMessage<?>> interleaved = new ArrayList<>();
        List<String> aggregates = new ArrayList<>(queues.keySet());
        while (!aggregates.isEmpty()) {
            String a = aggregates.get(random.nextInt(aggregates.size()));
            interleaved.add(queues.get(a).poll());
            if (queues.get(a).isEmpty()) {
                aggregates.remove(a);
            }
        }
        try (QueryFixture inOrder = new QueryFixture(); QueryFixture segmented = new QueryFixture()) {
            history.forEach(inOrder::deliver);
            interleaved.forEach(segmented::deliver);
            assertThat(ReadModelDigest.firstDifference(segmented.snapshot(), inOrder.snapshot())).isNull();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 7, 11})
    void delivering_every_event_twice_leaves_every_read_model_unchanged(long seed) {
        List<DomainEventMessage<?>> history = RandomHistory.generate(seed, 5);
        try (QueryFixture once = new QueryFixture(); QueryFixture twice = new QueryFixture()) {
            history.forEach(once::appendAndDeliver);
            for (DomainEventMessage<?> e : history) {
                twice.appendAndDeliver(e);
                twice.deliver(e);
            }
            ReadModelDigest.Digest expected = once.digest.live();
            assertThat(twice.digest.live()).isEqualTo(expected);
            // and the whole stream again, long after: a processor whose token was reset
            history.forEach(twice::deliver);
            assertThat(ReadModelDigest.firstDifference(twice.snapshot(), once.snapshot())).isNull();
            assertThat(twice.digest.live().total()).isEqualTo(expected.total());
        }
    }
}
