package cz.souhra.query.common;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Per-batch state of a tracking processor's handler, for writes that are held until the batch's last
 * event and then sent together. Axon stores the batch's token in the unit of work's prepare-commit
 * phase, so a handler that flushes while the last event is handled has its writes stored before the
 * token: a crash leaves the old token and the batch is delivered again. This relies on the handler
 * taking every event of its processor (an {@code Object} handler): a tracking batch holds only events its
 * processor handles, so the last one reaches it.
 */
public final class BatchScope {

    private BatchScope() {
    }

    /**
     * The state of {@code key} for the current batch, created on first use; outside a unit of work a fresh
     * one, which {@link #atEnd()} then has flushed at once. A prepare-commit flush is registered as a
     * safety net for a batch whose last event did not reach the handler: later than the token, but the
     * writes are not dropped with the unit of work.
     */
    public static <T> T current(String key, Supplier<T> create, Consumer<T> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return create.get();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, k -> {
            T state = create.get();
            root.onPrepareCommit(u -> flush.accept(state));
            return state;
        });
    }

    /** The events of the current tracking batch, in order; outside a batch none. */
    @SuppressWarnings("unchecked") // a tracking processor's batching unit of work holds event messages
    public static List<? extends EventMessage<?>> messages() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                ? (List<? extends EventMessage<?>>) batch.getMessages() : List.of();
    }

    /** True while the last event of the batch is handled, and for an event handled outside a batch. */
    public static boolean atEnd() {
        return !CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }
}
