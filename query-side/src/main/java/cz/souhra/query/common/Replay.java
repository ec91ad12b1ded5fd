package cz.souhra.query.common;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import cz.souhra.shared.queries.Bitemporal;

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
        return all(projector, m -> !m.recordedAt().isAfter(asOf));
    }

    /**
     * Every view of the projection on both time axes: the events recorded up to {@code at.knownAt()} whose
     * effective time is not after {@code at.validAt()}, folded in recorded order like the live projection.
     */
    public MemoryViews all(Projector projector, Bitemporal at) {
        return all(projector, m -> at.includes(m.recordedAt(), m.effectiveAt()));
    }

    /** Views of one aggregate on both time axes (see {@link #all(Projector, Bitemporal)}). */
    public MemoryViews aggregate(Projector projector, String aggregateId, Bitemporal at) {
        MemoryViews views = new MemoryViews();
        events.readEvents(aggregateId).asStream().map(e -> Map.entry(e, EventMeta.of(e)))
                .filter(e -> at.includes(e.getValue().recordedAt(), e.getValue().effectiveAt()))
                .forEach(e -> views.fold(projector, e.getKey().getPayload(), e.getValue()));
        return views;
    }

    private MemoryViews all(Projector projector, Predicate<EventMeta> selected) {
        MemoryViews views = new MemoryViews();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e instanceof DomainEventMessage<?>) {
                    EventMeta meta = EventMeta.of(e);
                    if (selected.test(meta)) {
                        views.fold(projector, e.getPayload(), meta);
                    }
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
