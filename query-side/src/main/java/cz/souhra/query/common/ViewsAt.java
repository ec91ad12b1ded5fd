package cz.souhra.query.common;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The one place a query chooses between now and as of an instant: no instant reads the live read model,
 * an instant replays the projection's own fold over the events recorded up to it ({@link Replay}). Query
 * handlers read through the views this returns, so both answers come from the same code below it.
 */
@Component
public class ViewsAt {

    private final ReadModels readModels;
    private final Replay replay;

    public ViewsAt(ReadModels readModels, Replay replay) {
        this.readModels = readModels;
        this.replay = replay;
    }

    /** Every view of the projection, now ({@code asOf} null) or at {@code asOf}. */
    public ReadableViews of(Projector projection, Instant asOf) {
        return asOf == null ? readModels.live() : replay.all(projection, asOf);
    }

    /**
     * The views one aggregate feeds, now or at {@code asOf}: as of an instant only that aggregate's events are
     * replayed, so use it for collections no other aggregate writes (a measure's status, a body).
     */
    public ReadableViews ofAggregate(Projector projection, String aggregateId, Instant asOf) {
        return asOf == null ? readModels.live() : replay.aggregate(projection, aggregateId, asOf);
    }
}
