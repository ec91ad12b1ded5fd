package cz.souhra.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import cz.souhra.query.rebuild.EventArchive;

/**
 * The event collection read with one cursor, sorted here in the tracking order of Axon's Mongo store
 * (timestamp as stored, then sequence number, then event id, which is also the embedded store's timeline
 * order), upcast and deserialized with the event store's serializer and upcasters, followed by the token
 * the storage engine would hold after the last of them. Holds the stored entries (not the deserialized events) of
 * the whole collection while sorting: about the size of the collection's JSON.
 */
@Component
class MongoEventArchive implements EventArchive {

    private static final EventEntryConfiguration ENTRY = EventEntryConfiguration.getDefault();
    // The stored text of the timestamp, not the parsed instant: Axon's store and the embedded timeline both
    // sort the string (an instant printed again may drop trailing zeros and sort elsewhere).
    private static final Comparator<Stored> TRACKING_ORDER = Comparator
            .comparing(Stored::timestamp)
            .thenComparingLong(s -> s.entry().getSequenceNumber())
            .thenComparing(s -> s.entry().getEventIdentifier());

    private record Stored(String timestamp, EventEntry entry) {}

    private final MongoCollection<Document> events;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Duration lookback;
    private final long maxBytes;

    /** @param maxBytes heap the read may take; 0: 40 % of the maximum heap */
    MongoEventArchive(MongoClient client, MongoProperties properties, @Qualifier("eventSerializer") Serializer serializer,
                      ObjectProvider<EventUpcaster> upcasters, @Value("${souhra.event-store.lookback:PT1S}") Duration lookback,
                      @Value("${souhra.rebuild.archive-max-bytes:0}") long maxBytes) {
        this.events = client.getDatabase(properties.getMongoClientDatabase()).getCollection("domainevents");
        this.serializer = serializer;
        this.upcasters = AxonMongoConfiguration.upcasterChain(upcasters);
        this.lookback = lookback;
        this.maxBytes = maxBytes > 0 ? maxBytes : Runtime.getRuntime().maxMemory() * 2 / 5;
    }

    /**
     * A stored entry takes about twice its stored size on the heap (Java strings of the JSON texts); the
     * first stored document's size stands for all (events of one application are of a size). The tracking
     * stream, which holds only a batch, reads what would not fit.
     */
    @Override
    public boolean fitsInMemory() {
        long count = events.estimatedDocumentCount();
        Document sample = events.find().first();
        long perEvent = sample == null ? 0 : sample.toJson().length() * 2L;
        return count * perEvent <= maxBytes;
    }

    @Override
    public TrackingToken readAll(Consumer<? super DomainEventMessage<?>> each) {
        List<Stored> entries = new ArrayList<>();
        events.find().batchSize(10_000).forEach(d -> entries.add(new Stored(String.valueOf(d.get(ENTRY.timestampProperty())), new EventEntry(d, ENTRY))));
        entries.sort(TRACKING_ORDER);
        TrackingToken end = tokenAfter(entries.stream().map(Stored::entry).toList(), lookback);
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(entries.stream().map(Stored::entry), serializer, upcasters);
        while (stream.hasNext()) {
            each.accept(stream.next());
        }
        return end;
    }

    /**
     * The token Axon's storage engine holds after {@code ordered} (tracking order), computed in one pass.
     * Folding {@link MongoTrackingToken#advanceTo} over the history gives the same token, but each step
     * copies the ids of the whole lookback window: 3.9 s for 200k events stored at 2,000/s, with the
     * reading thread of a rebuild waiting on it. advanceTo only ever drops ids from the front of the window,
     * those older than the newest timestamp so far minus the lookback; so the window is always a run of
     * consecutive events, and the token holds the run left at the end, in order, with the newest timestamp.
     */
    static MongoTrackingToken tokenAfter(List<? extends DomainEventData<?>> ordered, Duration lookback) {
        if (ordered.isEmpty()) {
            return null;
        }
        long window = lookback.toMillis();
        long newest = Long.MIN_VALUE;
        int front = 0;
        long[] millis = new long[ordered.size()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = ordered.get(i).getTimestamp().toEpochMilli();
            newest = Math.max(newest, millis[i]);
            // trimmed after the event is added, as advanceTo does (the first event, the newest, is never trimmed)
            while (front <= i && millis[front] < newest - window) {
                front++;
            }
        }
        LinkedHashMap<String, Long> tracked = new LinkedHashMap<>();
        for (int i = front; i < millis.length; i++) {
            tracked.put(ordered.get(i).getEventIdentifier(), millis[i]);
        }
        return MongoTrackingToken.of(Instant.ofEpochMilli(newest), tracked);
    }
}
