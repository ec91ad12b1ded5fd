package cz.souhra.query.common;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * A projection its tracking processor keeps live: every event goes through the one {@link #fold} the rebuild
 * and the as-of replay use too, into the processor's current batch ({@link BatchedViews}), so the live read model
 * cannot drift from a rebuild by a handler of its own. A reset clears the projection's collections.
 */
public abstract class LiveProjection implements Projector {

    private final String name;
    private final List<String> collections;
    private final ReadModels readModels;
    private final BatchedViews views;

    protected LiveProjection(ReadModels readModels, String name, String... collections) {
        this.name = name;
        this.collections = List.of(collections);
        this.readModels = readModels;
        this.views = new BatchedViews(readModels.live());
    }

    /** The generations this projection writes into, for projections that read back what they stored. */
    protected final ReadModels readModels() {
        return readModels;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> collections() {
        return collections;
    }

    @EventHandler
    public void on(Object event, DomainEventMessage<?> message) {
        changed(views.fold(this, message.getPayload(), EventMeta.of(message)));
    }

    /**
     * What one event wrote (nothing for a redelivered one); for projections whose readers subscribe to changes.
     * The writes are part of the processor's batch and may not be in the store yet.
     */
    protected void changed(List<Write> writes) {
    }

    @ResetHandler
    public void reset() {
        collections.forEach(views::clear);
    }
}
