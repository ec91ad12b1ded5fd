package cz.souhra.query.audit;

import org.bson.Document;

/**
 * An event exactly as the Mongo event store keeps it (document-per-event layout): the serialized payload
 * and metadata are the JSON strings written at append time.
 */
public record StoredEvent(String aggregateType, String aggregateId, long sequence, String eventId,
                          String payloadType, String payloadRevision, String timestamp,
                          String payload, String metadata) {

    static StoredEvent of(Document d) {
        Object seq = d.get("sequenceNumber");
        return new StoredEvent(d.getString("type"), d.getString("aggregateIdentifier"),
                seq instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(seq)),
                d.getString("eventIdentifier"), d.getString("payloadType"), d.getString("payloadRevision"),
                String.valueOf(d.get("timestamp")), asText(d.get("serializedPayload")), asText(d.get("serializedMetaData")));
    }

    private static String asText(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Document doc ? doc.toJson() : o.toString();
    }

    /** The region the ledger chains this event into; events without one form the "_global" chain. */
    String region() {
        return Ledger.regionOf(metadata);
    }
}
