package cz.souhra.query.audit;

import org.bson.Document;

/**
 * One link of a region's chain. It names the event (aggregate, sequence, event id), keeps the hashes of
 * its parts so that verification can say what was changed, and the chain hash that ties it to every
 * entry before it. Actor, institution and times are copied for the audit log's filters. {@code format} is
 * the hashing rule the entry was chained under ({@link CanonicalForm#V1} for entries stored without one).
 */
public record LedgerEntry(String region, long position, String aggregateType, String aggregateId, long sequence,
                          String eventId, String payloadType, String timestamp, String payloadHash,
                          String metadataHash, String eventHash, String previousChain, String chain,
                          String actor, String institution, String effectiveAt, int format) {

    Document toDocument() {
        return new Document("_id", eventId).append("region", region).append("position", position)
                .append("aggregateType", aggregateType).append("aggregateId", aggregateId).append("sequence", sequence)
                .append("eventId", eventId).append("payloadType", payloadType).append("timestamp", timestamp)
                .append("payloadHash", payloadHash).append("metadataHash", metadataHash).append("eventHash", eventHash)
                .append("previousChain", previousChain).append("chain", chain)
                .append("actor", actor).append("institution", institution).append("effectiveAt", effectiveAt).append("format", format);
    }

    static LedgerEntry of(Document d) {
        return new LedgerEntry(d.getString("region"), ((Number) d.get("position")).longValue(), d.getString("aggregateType"),
                d.getString("aggregateId"), ((Number) d.get("sequence")).longValue(), d.getString("eventId"),
                d.getString("payloadType"), d.getString("timestamp"), d.getString("payloadHash"), d.getString("metadataHash"),
                d.getString("eventHash"), d.getString("previousChain"), d.getString("chain"),
                d.getString("actor"), d.getString("institution"), d.getString("effectiveAt"),
                d.get("format") instanceof Number f ? f.intValue() : CanonicalForm.V1);
    }

    /** The chain hash recomputed from this entry's own fields: differs if the entry itself was altered. */
    String recomputedChain() {
        return CanonicalForm.chain(previousChain, eventHash);
    }
}
