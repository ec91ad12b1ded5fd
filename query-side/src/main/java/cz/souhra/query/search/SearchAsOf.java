package cz.souhra.query.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;

/**
 * The search index as it stood at an instant: the index's own fold over the events recorded up to then, in memory,
 * as the registers answer {@code asOf} ({@code Replay}). So a past search finds the texts of that time (an issue's
 * description before it was edited, an agenda item since removed) and exactly the records that existed then; the
 * reader's rights are today's, applied to who could read each record then. An attachment's text is taken from the
 * live index, which read it from the bytes; one removed since is found by its name only (its text left the index
 * with its removal, and its bytes may be purged).
 *
 * <p>One pass over the stream per instant asked (the registers' as-of cost); the last index built is kept while its
 * instant lies further back than the store's ordering window, so paging through its results does not replay again.
 */
@Component
public class SearchAsOf {

    /** Events recorded up to this long ago may still appear (the store's lookback is 1 s): an index this recent is not kept. */
    private static final Duration SETTLED = Duration.ofMinutes(1);

    private final EventStore events;
    private final SearchIndex live;
    private final Clock clock;
    private Kept kept;

    private record Kept(Instant asOf, SearchIndex index) {
    }

    public SearchAsOf(EventStore events, SearchIndex live, Clock clock) {
        this.events = events;
        this.live = live;
        this.clock = clock;
    }

    /** The results for {@code request} in the index as of {@code asOf}, for {@code viewer}'s rights. */
    public SearchResult search(SearchRequest request, cz.souhra.shared.queries.Viewer viewer, Instant asOf) {
        synchronized (this) {
            if (kept != null && kept.asOf.equals(asOf)) {
                return kept.index.search(request, viewer);
            }
        }
        SearchIndex index = replay(asOf);
        if (asOf.isBefore(clock.instant().minus(SETTLED))) {
            synchronized (this) {
                // the one it replaces is left to the collector, not closed: a search may still be reading it (it is
                // in memory and holds no file or thread)
                kept = new Kept(asOf, index);
            }
            return index.search(request, viewer);
        }
        try (index) {
            return index.search(request, viewer);
        }
    }

    private SearchIndex replay(Instant asOf) {
        SearchIndex index = SearchIndex.inMemory(added -> live.attachmentText(added.attachmentId().value()));
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e instanceof DomainEventMessage<?>) {
                    EventMeta meta = EventMeta.of(e);
                    if (!meta.recordedAt().isAfter(asOf)) {
                        index.apply(e.getPayload(), meta);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            index.close();
            throw new IllegalStateException("interrupted while replaying", e);
        }
        index.commit();
        return index;
    }
}
