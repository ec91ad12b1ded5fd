package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class AggregateCachesTest {

    @Test
    void given_cached_aggregate_with_no_other_reference_when_the_collector_runs_then_the_next_command_finds_it_cached() {
        try (AggregateCaches caches = new AggregateCaches(100)) {
            Cache measures = caches.cache("measures");
            measures.put("m-1", new StringBuilder("aggregate state"));

            for (int i = 0; i < 3; i++) {
                System.gc(); // a weak reference (the former cache) is cleared by the first full collection
            }

            assertThat(measures.<String, StringBuilder>get("m-1")).hasToString("aggregate state");
        }
    }

    @Test
    void given_more_aggregates_than_the_bound_when_cached_then_at_most_the_bound_are_kept_and_the_newest_is_there() {
        try (AggregateCaches caches = new AggregateCaches(100)) {
            Cache measures = caches.cache("measures");

            IntStream.range(0, 1_000).forEach(i -> measures.put("m-" + i, new Object()));

            long kept = IntStream.range(0, 1_000).filter(i -> measures.containsKey("m-" + i)).count();
            assertThat(kept).isBetween(1L, 100L);
            assertThat(measures.containsKey("m-999")).isTrue();
        }
    }

    @Test
    void given_two_aggregate_types_when_cached_under_one_id_then_each_cache_keeps_its_own() {
        try (AggregateCaches caches = new AggregateCaches(100)) {
            Cache measures = caches.cache("measures");
            Cache issues = caches.cache("issues");

            measures.put("same-id", "measure");

            assertThat(issues.containsKey("same-id")).isFalse();
            assertThat(measures.<String, String>get("same-id")).isEqualTo("measure");
        }
    }

    @Test
    void given_a_bound_below_one_when_configured_then_start_is_refused_with_the_property_named() {
        assertThatThrownBy(() -> new AggregateCaches(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("souhra.aggregate-cache.max-entries");
    }
}
