package cz.souhra.query.measure;

import org.axonframework.eventhandling.DomainEventMessage;

/** Test access to the package-private event handler, as Axon would call it. */
public record MeasureProjectionAccess(MeasureProjection projection) {
    public void deliver(DomainEventMessage<?> e) {
        projection.on(e.getPayload(), e);
    }
}
