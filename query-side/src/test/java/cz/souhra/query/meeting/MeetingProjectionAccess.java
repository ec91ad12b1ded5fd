package cz.souhra.query.meeting;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;

public class MeetingProjectionAccess {
    private final MeetingProjection projection;

    public MeetingProjectionAccess(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        this.projection = new MeetingProjection(mongo, emitter);
    }

    public void deliver(DomainEventMessage<?> e) {
        projection.on(e.getPayload(), e);
    }
}
