package cz.souhra.shared.json;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cz.souhra.shared.events.user.UserRegisteredEvent;

/**
 * Accounts registered before reminders existed have no e-mail address: revision 1 of
 * {@link UserRegisteredEvent} is read as revision 2 with {@code email: null}. The stored event is never
 * rewritten (the ledger hashes what was stored), only its reading changes.
 */
public class UserRegisteredV1Upcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType V1 = new SimpleSerializedType(UserRegisteredEvent.class.getName(), "1");
    private static final String V2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(V1.getName(), V2), JsonNode.class, json -> {
            if (json instanceof ObjectNode o && !o.has("email")) {
                o.putNull("email");
            }
            return json;
        });
    }
}
