package cz.souhra.query.body;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.data.mongodb.core.MongoTemplate;

public class DirectoryProjectionAccess {
    private final DirectoryProjection projection;

    public DirectoryProjectionAccess(MongoTemplate mongo) {
        this.projection = new DirectoryProjection(mongo);
    }

    public void deliver(DomainEventMessage<?> e) {
        projection.on(e.getPayload(), e);
    }
}
