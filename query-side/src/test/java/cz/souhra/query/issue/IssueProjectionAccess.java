package cz.souhra.query.issue;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.data.mongodb.core.MongoTemplate;

public class IssueProjectionAccess {
    private final IssueProjection projection;

    public IssueProjectionAccess(MongoTemplate mongo) {
        this.projection = new IssueProjection(mongo);
    }

    public void deliver(DomainEventMessage<?> e) {
        projection.on(e.getPayload(), e);
    }
}
