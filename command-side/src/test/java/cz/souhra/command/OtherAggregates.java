package cz.souhra.command;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * An {@code AggregateTestFixture} knows one aggregate instance; handlers that read a second aggregate
 * (the institution behind a membership, the meeting behind a measure decision) read it from here: a real
 * event-sourcing repository over an in-memory store, given its history as events.
 */
public final class OtherAggregates<T> {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventSourcingRepository<T> repository;
    private final String type;

    public OtherAggregates(Class<T> aggregateType) {
        this.type = aggregateType.getSimpleName();
        this.repository = EventSourcingRepository.builder(aggregateType).eventStore(store).build();
    }

    /** Stores the history of one instance; sequence numbers follow the order given. */
    public OtherAggregates<T> given(String id, Object... events) {
        for (int i = 0; i < events.length; i++) {
            store.publish(new GenericDomainEventMessage<>(type, id, i, events[i]));
        }
        return this;
    }

    public EventSourcingRepository<T> repository() {
        return repository;
    }
}
