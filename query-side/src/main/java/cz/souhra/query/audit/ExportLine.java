package cz.souhra.query.audit;

/**
 * One line of {@code export.jsonl}: the event as stored (payload and metadata are the stored JSON text)
 * and its ledger link. An offline verifier needs nothing else to recompute every hash.
 */
public record ExportLine(String region, long position, String aggregateType, String aggregateId, long sequence,
                         String eventId, String payloadType, String payloadRevision, String timestamp,
                         String payload, String metadata, String payloadHash, String metadataHash,
                         String eventHash, String previousChain, String chain) {

    StoredEvent event() {
        return new StoredEvent(aggregateType, aggregateId, sequence, eventId, payloadType, payloadRevision, timestamp, payload, metadata);
    }

    LedgerEntry entry() {
        return new LedgerEntry(region, position, aggregateType, aggregateId, sequence, eventId, payloadType,
                CanonicalForm.canonicalTimestamp(timestamp), payloadHash, metadataHash, eventHash, previousChain, chain,
                null, null, null);
    }
}
