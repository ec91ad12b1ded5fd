package cz.souhra.query.audit;

/**
 * One line of {@code export.jsonl}: the event as stored (payload and metadata are the stored JSON text)
 * and its ledger link. An offline verifier needs nothing else to recompute every hash. {@code format} is
 * the entry's hashing rule; a line without it (an export written before formats existed) is format 1.
 */
public record ExportLine(String region, long position, String aggregateType, String aggregateId, long sequence,
                         String eventId, String payloadType, String payloadRevision, String timestamp,
                         String payload, String metadata, String payloadHash, String metadataHash,
                         String eventHash, String previousChain, String chain, Integer format) {

    StoredEvent event() {
        return new StoredEvent(aggregateType, aggregateId, sequence, eventId, payloadType, payloadRevision, timestamp, payload, metadata);
    }

    LedgerEntry entry() {
        return new LedgerEntry(region, position, aggregateType, aggregateId, sequence, eventId, payloadType,
                CanonicalForm.canonicalTimestamp(timestamp), payloadHash, metadataHash, eventHash, previousChain, chain,
                null, null, null, formatOrV1());
    }

    /** The hashing rule of this line: format 1 when the line names none. */
    int formatOrV1() {
        return format == null ? CanonicalForm.V1 : format;
    }
}
