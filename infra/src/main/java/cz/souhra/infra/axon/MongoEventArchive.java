package cz.souhra.infra.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
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
 * order), upcast and deserialized with the event store's serializer and upcasters, each event carrying the
 * token the storage engine would have given it. Holds the stored entries (not the deserialized events) of
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
    public TrackingToken readAll(Consumer<TrackedEventMessage<?>> each) {
        List<Stored> entries = new ArrayList<>();
        events.find().batchSize(10_000).forEach(d -> entries.add(new Stored(String.valueOf(d.get(ENTRY.timestampProperty())), new EventEntry(d, ENTRY))));
        entries.sort(TRACKING_ORDER);
        // Each event's token is made as the event is handed on, not all of them first: a token holds every
        // event id of its lookback window: after 4 minutes at 380 events/s, the tokens of those 70k events held
        // some 27 million ids between them and ran a 2 GiB heap out of memory during a rebuild.
        Tokens tokens = new Tokens(lookback);
        Stream<TrackedDomainEventData<?>> tracked = entries.stream().map(s -> new TrackedDomainEventData<>(tokens.next(s.entry()), s.entry()));
        EventUtils.upcastAndDeserializeTrackedEvents(tracked, serializer, upcasters).forEachOrdered(each);
        return tokens.last;
    }

    /** The tokens Axon's storage engine gives events read in tracking order, one after another. */
    private static final class Tokens {
        private final Duration lookback;
        private MongoTrackingToken last;

        Tokens(Duration lookback) {
            this.lookback = lookback;
        }

        MongoTrackingToken next(EventEntry e) {
            last = last == null ? MongoTrackingToken.of(e.getTimestamp(), e.getEventIdentifier())
                    : last.advanceTo(e.getTimestamp(), e.getEventIdentifier(), lookback);
            return last;
        }
    }
}
