package cz.souhra.query.common;

import java.time.Instant;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * As-of answers: the projection's own fold over the events recorded up to an instant, in memory. Events
 * are selected by their recorded timestamp, the same clock the live projection saw, so the answer is the
 * read model a replay truncated at that instant would have produced.
 */
@Component
public class Replay {

    private final EventStore events;

    public Replay(EventStore events) {
        this.events = events;
    }

    /** Every view of the projection at {@code asOf}: one pass over the whole stream. */
    public MemoryViews all(Projector projector, Instant asOf) {
        MemoryViews views = new MemoryViews();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e instanceof DomainEventMessage<?> && !e.getTimestamp().isAfter(asOf)) {
                    views.fold(projector, e.getPayload(), EventMeta.of(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        }
        return views;
    }

    /** Views fed by one aggregate only (a measure's status): read just that aggregate's events. */
    public MemoryViews aggregate(Projector projector, String aggregateId, Instant asOf) {
        MemoryViews views = new MemoryViews();
        events.readEvents(aggregateId).asStream().filter(e -> !e.getTimestamp().isAfter(asOf))
                .forEach(e -> views.fold(projector, e.getPayload(), EventMeta.of(e)));
        return views;
    }
}
