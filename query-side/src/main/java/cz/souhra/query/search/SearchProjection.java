package cz.souhra.query.search;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.BatchScope;
import cz.souhra.query.common.EventMeta;

/**
 * Feeds the search index from its tracking processor. The processing group is assigned to a processor named
 * after this process's copy of the index ({@link SearchConfiguration}), so every process tracks every event
 * into its own copy instead of sharing segments with the other processes on the store. The index is committed
 * when the batch's last event has been folded, before the processor stores its token ({@link BatchScope}).
 */
@Component
@ProcessingGroup(SearchProjection.GROUP)
public class SearchProjection {

    public static final String GROUP = "search";
    private static final String BATCH = SearchProjection.class.getName();

    private final SearchIndex index;

    public SearchProjection(SearchIndex index) {
        this.index = index;
    }

    @EventHandler
    public void on(Object event, DomainEventMessage<?> message) {
        SearchIndex batch = BatchScope.current(BATCH, () -> index, SearchIndex::commit);
        batch.apply(event, EventMeta.of(message));
        if (BatchScope.atEnd()) {
            batch.commit();
        }
    }

    /** A reset replays every event: the index starts empty. */
    @ResetHandler
    public void reset() {
        index.clear();
    }
}
