package cz.souhra.command.validation;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * The command side's own table of the records commands may refer to ({@code command_lookup}: one document
 * per aggregate id with its kind and whether it still acts), so a command can be checked against records of
 * other aggregates before it is sent: set-based validation without reading the query side, which the
 * command side must not depend on.
 *
 * <p>It is a subscribing processor ({@code command-lookup}): the table is written in the thread that
 * appends the events, so the next request sees a record created by the previous one. A record the table
 * does not have (a store written before the table existed, or a process killed between appending the
 * events and writing the table) is looked up in the event store itself: its events are folded with the same
 * {@link Known#fold} and the result written to the table. A document keeps the sequence number of the event
 * it was folded from and is replaced only by a later one, so a redelivered event changes nothing. Only the
 * events that create a record or change whether it acts are written (none of a progress report's).
 */
@Component
@ProcessingGroup(CommandLookup.GROUP)
public class CommandLookup implements References {

    public static final String GROUP = "command-lookup";
    static final String COLLECTION = "command_lookup";

    private final MongoCollection<Document> table;
    private final ObjectProvider<EventStore> events;

    public CommandLookup(MongoTemplate mongo, ObjectProvider<EventStore> events) {
        this.table = mongo.getCollection(COLLECTION);
        this.events = events;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        Known next = Known.fold(null, event);
        if (next != null) {
            write(message.getAggregateIdentifier(), next, message.getSequenceNumber());
        }
    }

    @Override
    public Optional<Known> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Document d = table.find(Filters.eq("_id", id)).first();
        if (d != null) {
            return Optional.of(new Known(Known.Kind.valueOf(d.getString("kind")), d.getBoolean("active", true)));
        }
        EventStore store = events.getIfAvailable();
        if (store == null) {
            return Optional.empty();
        }
        Known known = null;
        long seq = -1;
        // From sequence 0 and not from a snapshot: the fold needs the record's creating event.
        DomainEventStream stream = store.readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> e = stream.next();
            known = Known.fold(known, e.getPayload());
            seq = e.getSequenceNumber();
        }
        if (known != null) {
            write(id, known, seq);
        }
        return Optional.ofNullable(known);
    }

    private void write(String id, Known known, long seq) {
        Document current = table.find(Filters.eq("_id", id)).first();
        if (current != null && current.get("seq", Number.class) != null && current.get("seq", Number.class).longValue() >= seq) {
            return;
        }
        table.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("kind", known.kind().name()).append("active", known.active())
                .append("seq", seq), new ReplaceOptions().upsert(true));
    }
}
