package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real tracking processor over the lingering source: what it changes is how the processor cuts batches.
 * The waits are long against the pauses between publications, so a slow machine cannot flip the result.
 */
class LingeringMessageSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    /** Events per unit of work, in the order the batches were handled. */
    private final Map<Object, List<Object>> batches = new ConcurrentHashMap<>();
    private final List<Object> batchOrder = new CopyOnWriteArrayList<>();
    private final List<Integer> handlerPriorities = new CopyOnWriteArrayList<>();
    private TrackingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        store.shutDown();
    }

    @Test
    void given_a_linger_when_events_follow_the_first_within_it_then_they_are_handled_in_one_batch() throws Exception {
        start(Duration.ofSeconds(3));

        publish("a");
        Thread.sleep(200);
        publish("b");
        publish("c");

        await().atMost(Duration.ofSeconds(15)).until(() -> handled() == 3);
        assertThat(batchSizes()).containsExactly(3);
    }

    @Test
    void given_no_linger_when_events_follow_a_handled_one_then_the_first_batch_held_it_alone() throws Exception {
        start(Duration.ZERO);

        publish("a");
        await().atMost(Duration.ofSeconds(15)).until(() -> handled() == 1);
        publish("b");
        publish("c");

        await().atMost(Duration.ofSeconds(15)).until(() -> handled() == 3);
        assertThat(batchSizes().get(0)).isEqualTo(1);
    }

    @Test
    void given_a_linger_when_no_second_event_comes_then_the_first_is_handled_once_the_linger_has_passed() throws Exception {
        start(Duration.ofMillis(300));

        publish("a");

        await().atMost(Duration.ofSeconds(15)).until(() -> handled() == 1);
        assertThat(batchSizes()).containsExactly(1);
    }

    @Test
    void given_a_processor_when_its_worker_opens_the_stream_then_that_thread_yields_to_the_request_threads() throws Exception {
        start(Duration.ZERO);

        publish("a");

        await().atMost(Duration.ofSeconds(15)).until(() -> handled() == 1);
        assertThat(handlerPriorities).containsOnly(Thread.MIN_PRIORITY);
        assertThat(Thread.currentThread().getPriority()).isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void given_a_negative_linger_then_the_source_is_refused() {
        assertThatThrownBy(() -> new LingeringMessageSource(store, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("souhra.tracking.linger");
    }

    private void start(Duration linger) {
        EventMessageHandler handler = new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                handlerPriorities.add(Thread.currentThread().getPriority());
                Object unitOfWork = CurrentUnitOfWork.get();
                batches.computeIfAbsent(unitOfWork, k -> {
                    batchOrder.add(k);
                    return new CopyOnWriteArrayList<>();
                }).add(event.getPayload());
                return null;
            }
        };
        processor = TrackingEventProcessor.builder()
                .name("lingering")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(new LingeringMessageSource(store, linger))
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(20))
                .build();
        processor.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> processor.processingStatus().size() == 1);
    }

    private void publish(String payload) {
        store.publish(GenericEventMessage.asEventMessage(payload));
    }

    private int handled() {
        return batches.values().stream().mapToInt(List::size).sum();
    }

    private List<Integer> batchSizes() {
        return batchOrder.stream().map(k -> batches.get(k).size()).toList();
    }
}
