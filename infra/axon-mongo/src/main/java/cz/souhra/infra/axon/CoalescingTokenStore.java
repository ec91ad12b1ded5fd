package cz.souhra.infra.axon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * Writes a segment's token, and extends its claim, at most once per interval; a token stored sooner is kept
 * and written with the next write that is due, when the processor extends its claim after the interval, or
 * when it releases or fetches its claim (an idle processor extends it after a second without events, so a
 * kept token reaches the store within about a second). A reset (the first replay token of a segment) is
 * written at once.
 *
 * <p>Why: a count of the embedded store's commands under the 8-client load found 4.4 token writes per
 * command, the largest kind of all: eleven segments each stored a token per batch, a batch was one or two
 * events at that rate, and a Mongo token is a JSON copy of the ids in its one-second lookback window
 * (~9 kB at 150 events/s).
 *
 * <p>What it changes: the projections were already delivered at least once (a token is stored after the
 * batch's writes, so a crash in between redelivers the batch to folds that are idempotent); now a crash or
 * a lost claim redelivers up to an interval and a second of batches instead of one. A claim taken over by
 * another process is noticed at the next write that is due instead of the next batch: until then this
 * process folds events the other one folds too, which idempotent folds make harmless. Every call runs on
 * the processor thread that holds the segment, so the kept token is never written after the claim is
 * released.
 */
public final class CoalescingTokenStore implements TokenStore {

    private final TokenStore delegate;
    /** Monotonic nanoseconds: the interval is about load on the store, not about the domain's time. */
    private final LongSupplier nanos;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    public CoalescingTokenStore(TokenStore delegate, Duration interval) {
        this(delegate, interval, System::nanoTime);
    }

    CoalescingTokenStore(TokenStore delegate, Duration interval, LongSupplier nanos) {
        this.delegate = delegate;
        this.nanos = nanos;
        this.intervalNanos = interval.toNanos();
    }

    private static final class Slot {
        boolean replaying;
        boolean written;
        long writtenAt;
        boolean kept;
        TrackingToken token;

        void keep(TrackingToken t) {
            kept = true;
            token = t;
        }

        void discard() {
            kept = false;
            token = null;
        }

        /** The claim (and the token) were written less than {@code interval} ago. */
        boolean writtenWithin(long now, long interval) {
            return written && now - writtenAt < interval;
        }

        void wrote(long now) {
            written = true;
            writtenAt = now;
        }
    }

    /** Writes {@code token} in place of any kept one; a failed write drops the kept one too. */
    private void write(Slot s, TrackingToken token, String processorName, int segment, long now) {
        s.discard();
        delegate.storeToken(token, processorName, segment);
        s.wrote(now);
    }

    private Slot slot(String processorName, int segment) {
        return slots.computeIfAbsent(processorName + '\u0000' + segment, k -> new Slot());
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        Slot s = slot(processorName, segment);
        synchronized (s) {
            long now = nanos.getAsLong();
            // A reset (the first replay token) is written at once: another process, or this one after a
            // crash, must start the replay too. The replay's progress is coalesced like any other.
            boolean reset = token instanceof ReplayToken && !s.replaying;
            s.replaying = token instanceof ReplayToken;
            if (!reset && s.writtenWithin(now, intervalNanos)) {
                s.keep(token);
                return;
            }
            write(s, token, processorName, segment, now);
        }
    }

    /** Writes a kept token; false if there was none. */
    private boolean flush(String processorName, int segment) {
        Slot s = slot(processorName, segment);
        synchronized (s) {
            if (!s.kept) {
                return false;
            }
            write(s, s.token, processorName, segment, nanos.getAsLong());
            return true;
        }
    }

    private void discard(String processorName, int segment) {
        Slot s = slot(processorName, segment);
        synchronized (s) {
            s.discard();
        }
    }

    /**
     * Axon's tracking processor extends its claim at the start of every batch, so passing each extension on
     * cost a store round trip per batch even while the tokens were coalesced (a profile of the 8-client load
     * put 35 % of the processor threads' time there). A claim written less than an interval ago is far from
     * its timeout (10 s), so the extension waits for the next one that is due; an idle processor extends
     * after a second without events, which is always due, and writes a kept token then (storing the token
     * extends the claim as well).
     */
    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Slot s = slot(processorName, segment);
        synchronized (s) {
            long now = nanos.getAsLong();
            if (s.writtenWithin(now, intervalNanos)) {
                return;
            }
            if (s.kept) {
                write(s, s.token, processorName, segment, now);
            } else {
                delegate.extendClaim(processorName, segment);
                s.wrote(now);
            }
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        try {
            flush(processorName, segment);
        } catch (UnableToClaimTokenException lost) {
            // Another process holds the segment now and goes on from its own token; ours must not be written.
            discard(processorName, segment);
        } finally {
            delegate.releaseClaim(processorName, segment);
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        flush(processorName, segment);
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        flush(processorName, segment.getSegmentId());
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        discard(processorName, segment);
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        discard(processorName, segment);
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
