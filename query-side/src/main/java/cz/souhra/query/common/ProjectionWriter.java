package cz.souhra.query.common;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** The live side of every projection: fold one delivered event into the active generation. */
@Component
public class ProjectionWriter {

    private final ReadModels readModels;

    public ProjectionWriter(ReadModels readModels) {
        this.readModels = readModels;
    }

    public List<Projector.Write> write(Projector projector, EventMessage<?> message) {
        return readModels.active().fold(projector, message.getPayload(), EventMeta.of(message));
    }

    public void reset(Projector projector) {
        projector.collections().forEach(c -> readModels.collection(c).deleteMany(new org.bson.Document()));
    }
}
