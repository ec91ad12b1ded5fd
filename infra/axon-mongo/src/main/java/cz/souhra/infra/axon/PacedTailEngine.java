package cz.souhra.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The storage engine with the tail of the stream read at most once per {@code gap}.
 *
 * <p>Why: Axon's embedded event store has one producer thread that reads new events for all tracking
 * processors. Each commit wakes it, and it reads until a read comes back empty, so under load it read once
 * with events and once without for nearly every commit: 0.78 event-store reads per command with 8 clients
 * (the store's census in {@code bench tp}), each a full round trip through the driver and the store for one
 * or two events. Spacing the producer's reads lets one read carry the events of several commits. The
 * processors' batches wait for more events anyway ({@link LingeringMessageSource}), so a read model lags by
 * at most {@code gap} more; after a quiet spell the first read is not delayed.
 *
 * <p>Only the producer's reads are spaced: it is the one caller that asks for a blocking read
 * ({@code mayBlock}); a processor that has fallen behind reads its own stream without it, and aggregate
 * loading and appends go straight through.
 */
final class PacedTailEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final long gapNanos;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;
    private final Object pacing = new Object();
    private long nextReadNanos; // guarded by pacing

    PacedTailEngine(EventStorageEngine delegate, Duration gap) {
        this(delegate, gap, System::nanoTime, LockSupport::parkNanos);
    }

    /** With the time and the wait given, so that a test decides when a read may start. */
    PacedTailEngine(EventStorageEngine delegate, Duration gap, LongSupplier nanoTime, LongConsumer parkNanos) {
        if (gap.isNegative()) {
            throw new IllegalArgumentException("souhra.event-store.tail-read-gap must not be negative: " + gap);
        }
        this.delegate = delegate;
        this.gapNanos = gap.toNanos();
        this.nanoTime = nanoTime;
        this.parkNanos = parkNanos;
        this.nextReadNanos = nanoTime.getAsLong();
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && gapNanos > 0) {
            awaitTurn();
        }
        return delegate.readEvents(trackingToken, mayBlock);
    }

    private void awaitTurn() {
        synchronized (pacing) {
            long wait;
            while ((wait = nextReadNanos - nanoTime.getAsLong()) > 0 && !Thread.currentThread().isInterrupted()) {
                parkNanos.accept(wait);
            }
            nextReadNanos = nanoTime.getAsLong() + gapNanos;
        }
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void appendEvents(EventMessage<?>... events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
