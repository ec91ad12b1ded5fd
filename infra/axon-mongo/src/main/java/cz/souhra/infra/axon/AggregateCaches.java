package cz.souhra.infra.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;

/**
 * The aggregate caches (one per aggregate type, see {@link cz.souhra.command.common.AggregateCache}), each
 * holding at most {@code maxEntries} aggregates by strong reference and evicting the least recently used.
 *
 * <p>Strong references, not weak ones: under load the young collector runs about once a second and would
 * clear every cached aggregate, so a measure written every two seconds would nearly always be replayed from
 * the store (one round trip per event). A bound on entries keeps the memory known instead.
 */
public final class AggregateCaches implements AutoCloseable {

    private final CacheManager manager;
    private final long maxEntries;

    public AggregateCaches(long maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("souhra.aggregate-cache.max-entries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /** The cache of one aggregate type; Axon's caching repository trusts an entry until an append collides. */
    public Cache cache(String name) {
        org.ehcache.Cache<Object, Object> cache = manager.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(maxEntries)));
        // Axon's adapter takes Ehcache's implementation class, which is what an on-heap cache is.
        return new EhCache3Adapter((Ehcache<Object, Object>) cache);
    }

    @Override
    public void close() {
        manager.close();
    }
}
