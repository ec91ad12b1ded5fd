package cz.souhra.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a tracking processor's source, with batches that may wait for more events.
 *
 * <p>Why: a tracking processor starts a batch with the events already available and never waits for more, so
 * under a steady few hundred commands a second each batch held one or two events. Every batch costs each
 * segment the same fixed work whatever its size: a unit of work, one bulk write per view collection, the
 * ledger's head lookup and its two writes. Here a batch may wait up to {@code linger} after its first event
 * for the next ones, so those costs are shared by the events of that wait. A read model then lags by at most
 * {@code linger} more; an idle stream waits not at all, since the wait starts only with a batch's first event.
 *
 * <p>Only {@link BlockingStream#peek()} waits: the processor peeks to decide whether the next event joins the
 * batch, and calls the timed {@code hasNextAvailable} to start the next batch, which ends the wait.
 */
public final class LingeringMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final long lingerNanos;

    public LingeringMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("souhra.tracking.linger must not be negative: " + linger);
        }
        this.delegate = delegate;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        // Only tracking processors open streams here (rebuilds and replays read the event store itself), on
        // their own worker threads: those yield to the request threads when both want the two cores. Linux
        // honours it with -XX:ThreadPriorityPolicy=1 (README); without that flag Java ignores thread priorities.
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        BlockingStream<TrackedEventMessage<?>> stream = delegate.openStream(trackingToken);
        return lingerNanos == 0 ? stream : new LingeringStream(stream, lingerNanos);
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

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    /** One processor thread owns a stream, so the batch state needs no locking. */
    static final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final long lingerNanos;
        private boolean inBatch;
        private long deadline;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> delegate, long lingerNanos) {
            this.delegate = delegate;
            this.lingerNanos = lingerNanos;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = delegate.peek();
            if (next.isPresent() || !inBatch) {
                return next;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return next;
            }
            try {
                // The store's stream waits in whole milliseconds; rounding up keeps a short linger from being none.
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
                return delegate.hasNextAvailable((int) Math.min(Integer.MAX_VALUE, millis), TimeUnit.MILLISECONDS)
                        ? delegate.peek() : next;
            } catch (InterruptedException e) {
                // The processor is stopping: end the batch now and let its next timed wait see the interrupt.
                Thread.currentThread().interrupt();
                return next;
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            inBatch = false; // the processor waits like this only to start a batch
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> message = delegate.nextAvailable();
            if (!inBatch) {
                inBatch = true;
                deadline = System.nanoTime() + lingerNanos;
            }
            return message;
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }
    }
}
