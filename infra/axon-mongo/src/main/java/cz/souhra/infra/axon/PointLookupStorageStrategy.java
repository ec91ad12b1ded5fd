package cz.souhra.infra.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;

import com.mongodb.client.MongoCollection;

/**
 * Loads an aggregate's events one sequence number at a time, each an exact match on the unique
 * (aggregate, sequence) index. mongo-java-server uses a compound index only for exact equality on all
 * its keys, so Axon's range query ({@code sequenceNumber >= n}) scanned every stored event and command
 * latency grew with the size of the store. A point lookup per event keeps loading independent of it.
 * On a real MongoDB the range query is better; this strategy is used for the embedded store only.
 */
public class PointLookupStorageStrategy extends DocumentPerEventStorageStrategy {

    private final EventEntryConfiguration configuration;

    public PointLookupStorageStrategy(EventEntryConfiguration configuration, Duration lookback) {
        super(configuration, lookback);
        this.configuration = configuration;
    }

    @Override
    public List<? extends DomainEventData<?>> findDomainEvents(MongoCollection<Document> collection, String aggregateIdentifier,
                                                              long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> out = new ArrayList<>();
        for (long seq = firstSequenceNumber; out.size() < batchSize; seq++) {
            Document d = collection.find(new Document(configuration.aggregateIdentifierProperty(), aggregateIdentifier)
                    .append(configuration.sequenceNumberProperty(), seq)).first();
            if (d == null) {
                break;
            }
            extractEvents(d).forEach(out::add);
        }
        return out;
    }
}
