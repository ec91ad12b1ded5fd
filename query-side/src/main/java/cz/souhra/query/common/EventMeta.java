package cz.souhra.query.common;

import java.time.Instant;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import cz.souhra.shared.MetaKeys;

/**
 * What a projection may know about an event besides its payload: identity, aggregate sequence, the
 * store's recorded time (never the clock) and the metadata keys the record carries.
 */
public record EventMeta(String eventId, String aggregateId, long sequence, Instant recordedAt, String actor, String institution,
                        String region, Instant effectiveAt, String aggregateType, String correlationId) {

    public static EventMeta of(EventMessage<?> message) {
        String aggregate = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
        long seq = message instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : -1;
        String type = message instanceof DomainEventMessage<?> d ? d.getType() : null;
        Map<String, ?> md = message.getMetaData();
        Object effective = md.get(MetaKeys.EFFECTIVE_AT);
        return new EventMeta(message.getIdentifier(), aggregate, seq, message.getTimestamp(), text(md.get(MetaKeys.USER)),
                text(md.get(MetaKeys.INSTITUTION)), text(md.get(MetaKeys.REGION)), effective == null ? null : Instant.parse(effective.toString()),
                type, text(md.get(MetaKeys.CORRELATION_ID)));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** When the fact was true in the world: the stated effective time, else when it was recorded. */
    public Instant effectiveOrRecorded() {
        return effectiveAt == null ? recordedAt : effectiveAt;
    }
}
