package cz.souhra.infra.store;

import java.util.Objects;

/**
 * Where a client keeps its append-only event log and the fields its tracking readers sort and filter on:
 * given to the store by the client's side (the engine knows no client's schema), so that the store can
 * answer those reads from its {@link EventTimeline} instead of a scan and sort of the whole collection.
 *
 * @param collection     the collection the events are inserted into
 * @param timestampField a string the readers sort by first, e.g. {@code 2026-12-07T20:46:34.123Z}
 * @param sequenceField  a number the readers sort by second
 * @param eventIdField   the event's unique identifier, which the readers exclude with {@code $nin}
 */
public record EventCollection(String collection, String timestampField, String sequenceField, String eventIdField) {

    public EventCollection {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(timestampField, "timestampField");
        Objects.requireNonNull(sequenceField, "sequenceField");
        Objects.requireNonNull(eventIdField, "eventIdField");
    }
}
