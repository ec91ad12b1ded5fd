package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.RandomHistory;

/**
 * A projection that names the documents its fold reads ({@link Projector#reads}) has them read ahead for the
 * whole tracking batch. A document named and not read costs a read for nothing, one read and not named costs a
 * round trip of its own: over random histories, the named ones must be exactly the ones read.
 */
class ProjectorReadsTest {

    @Test
    void given_random_histories_when_each_event_is_folded_then_the_measure_and_issue_folds_read_exactly_the_documents_they_name() {
        for (long seed : new long[] {1, 2, 3}) {
            try (QueryFixture f = new QueryFixture()) {
                MongoViews live = f.readModels.live();
                int named = 0;
                for (DomainEventMessage<?> e : RandomHistory.generate(seed, 6)) {
                    EventMeta meta = EventMeta.of(e);
                    for (Projector p : List.of(f.measures, f.issues)) {
                        Set<String> read = new LinkedHashSet<>();
                        p.fold((collection, id) -> {
                            read.add(collection + "/" + id);
                            return live.get(collection, id);
                        }, e.getPayload(), meta);
                        Set<String> declared = p.reads(e.getPayload(), meta).stream()
                                .map(r -> r.collection() + "/" + r.id()).collect(Collectors.toCollection(LinkedHashSet::new));
                        assertThat(declared).as(p.name() + " on " + e.getPayloadType().getSimpleName()).isEqualTo(read);
                        named += declared.size();
                    }
                    f.appendAndDeliver(e);
                }
                assertThat(named).as("reads named over seed " + seed).isPositive();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }
    }
}
