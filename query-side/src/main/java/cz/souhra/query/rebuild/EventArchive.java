package cz.souhra.query.rebuild;

import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Every stored event at once, in the order the tracking processors read them, for the first pass of a
 * rebuild. A tracking stream fetches in small batches meant for following the head; reading the whole
 * history through it cost the embedded store one lookup per event. Implemented by the store adapter.
 */
public interface EventArchive {

    /**
     * Hands every stored event, upcast and deserialized, to {@code each} in tracking order and answers
     * the token after the last one, from which a tracking stream continues (null when there are none).
     * The events carry no token each: the rebuild folds them and needs only where the stream goes on.
     */
    TrackingToken readAll(Consumer<? super DomainEventMessage<?>> each);

    /** False when the whole history would not fit the memory it may take; the rebuild then reads the stream. */
    boolean fitsInMemory();
}
