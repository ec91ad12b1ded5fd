package cz.souhra.infra.axon;

import java.lang.management.ManagementFactory;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;

import cz.souhra.shared.json.EventJson;
import cz.souhra.shared.MetaKeys;

import java.time.Duration;

/**
 * Axon on MongoDB without Axon Server. axon-mongo has had no Spring Boot auto-configuration since 4.10,
 * so the event store, token store and saga store are wired here, all on one Jackson serializer.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    /** Events are acknowledged only once the store's log is synced (the embedded store honours it like MongoDB). */
    public static final WriteConcern EVENT_WRITES = WriteConcern.MAJORITY.withJournal(true);

    /** The collection Axon keeps its events in (axon-mongo's default name, named here so the embedded store is told the same). */
    public static final String EVENT_COLLECTION = "domainevents";

    /**
     * The event collection and the fields of Axon's tracking reads, for the embedded store: it answers those
     * reads from its timeline and knows nothing of Axon's schema itself.
     */
    public static cz.souhra.infra.store.EventCollection eventCollection() {
        EventEntryConfiguration entry = EventEntryConfiguration.getDefault();
        return new cz.souhra.infra.store.EventCollection(EVENT_COLLECTION, entry.timestampProperty(), entry.sequenceNumberProperty(),
                entry.eventIdentifierProperty());
    }

    /** The mapper of stored events ({@link EventJson}: never the web one, the ledger hashes what it writes). */
    public static ObjectMapper eventObjectMapper() {
        return EventJson.mapper();
    }

    /** The upcasters of the stored history, in {@link EventJson}'s order. */
    @Bean
    static EventUpcaster storedHistoryUpcasters() {
        return EventJson.upcasterChain();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).defaultTyping().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties properties) {
        // On a replica set an acknowledged event must be on a majority and in the journal; the embedded
        // store ignores write concerns and makes every acknowledged write durable itself.
        return template(client, properties, EVENT_WRITES);
    }

    private static MongoTemplate template(MongoClient client, MongoProperties properties, WriteConcern concern) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client.getDatabase(properties.getMongoClientDatabase()).withWriteConcern(concern))
                .domainEventsCollectionName(EVENT_COLLECTION).build();
    }

    /** The upcasters in their order, as the event store applies them (the rebuild's archive read applies the same). */
    static EventUpcaster upcasterChain(ObjectProvider<EventUpcaster> upcasters) {
        return new EventUpcasterChain(upcasters.orderedStream().toList());
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          ObjectProvider<EventUpcaster> upcasters,
                                          ObjectProvider<cz.souhra.infra.store.EmbeddedStore> embedded,
                                          @Value("${souhra.event-store.lookback:PT1S}") Duration lookback,
                                          @Value("${souhra.event-store.tail-read-gap:PT0.01S}") Duration tailReadGap) {
        // The Mongo store orders by timestamp, not by a global sequence; the lookback window re-reads
        // recent events so a writer whose insert lands late is not skipped (lookback 0 lost 317 of 20k).
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(upcasterChain(upcasters))
                .storageStrategy(embedded.getIfAvailable() != null
                        ? new PointLookupStorageStrategy(EventEntryConfiguration.getDefault(), lookback)
                        : new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookback))
                .build();
        engine.ensureIndexes();
        return new PacedTailEngine(engine, tailReadGap);
    }

    /** Bounded caches with strong references (see {@link AggregateCaches} for why not weak ones). */
    @Bean(destroyMethod = "close")
    AggregateCaches aggregateCacheManager(@Value("${souhra.aggregate-cache.max-entries:10000}") long maxEntries) {
        return new AggregateCaches(maxEntries);
    }

    /** One cache bean per aggregate type (see {@link cz.souhra.command.common.AggregateCache} for why), by the names the aggregates give. */
    @Bean
    static BeanDefinitionRegistryPostProcessor aggregateCaches() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                for (String name : cz.souhra.command.common.AggregateCache.ALL) {
                    RootBeanDefinition cache = new RootBeanDefinition();
                    cache.setFactoryBeanName("aggregateCacheManager");
                    cache.setFactoryMethodName("cache");
                    cache.getConstructorArgumentValues().addGenericArgumentValue(name);
                    registry.registerBeanDefinition(name, cache);
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                // the definitions are all this adds
            }
        };
    }

    @Bean
    TokenStore tokenStore(MongoClient client, MongoProperties properties, Serializer serializer,
                          @Value("${souhra.tokens.write-interval:PT0.25S}") java.time.Duration writeInterval) {
        // Acknowledged, not journaled: a token lost with a machine crash is older than the read models it
        // guards (the store keeps writes in order), so the processor redelivers events its idempotent
        // projections have already applied. Waiting for the journal cost every batch of every processor
        // a disk sync.
        return new CoalescingTokenStore(MongoTokenStore.builder()
                .mongoTemplate(template(client, properties, WriteConcern.W1))
                .serializer(serializer)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName())
                .build(), writeInterval);
    }

    @Bean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    @Bean
    TransactionManager axonTransactionManager() {
        // No transactions exist on the embedded store; every projection is an idempotent upsert instead.
        return org.axonframework.common.transaction.NoTransactionManager.INSTANCE;
    }

    /**
     * A tracking processor stores its token after every batch, and the default batch is one event: each
     * event then cost every processor a durable token write besides its projection's own writes (bench:
     * 22-57 commands/s with 8 clients). A batch takes what is available, up to 20 events, and never
     * waits to fill; a batch redelivered after a crash changes nothing, as every projection is idempotent.
     * Not more: a batch is one unit of work, and on an overloaded machine 100 ledger appends came close to
     * Axon's 60 s unit-of-work timeout. Applies to processors not named in application.yml (the ledger, the
     * deadlines); the read-model processors named there set {@code batch-size} themselves.
     */
    @Bean
    ConfigurerModule trackingProcessorBatches(@Value("${souhra.tracking.batch-size:20}") int batchSize,
                                              ObjectProvider<LingeringMessageSource> lingeringEvents) {
        // The source is looked up when a processor is built: it needs the event store, which needs Axon's configuration.
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .configureDefaultStreamableMessageSource(c -> lingeringEvents.getObject()));
    }

    /**
     * The source of every tracking processor: the default one above, and by name ({@code source:
     * lingeringEvents}) of the read-model processors named in application.yml, which Axon would otherwise give
     * the bare event store.
     */
    @Bean
    LingeringMessageSource lingeringEvents(org.axonframework.eventsourcing.eventstore.EventStore eventStore,
                                           @Value("${souhra.tracking.linger:PT0.05S}") Duration linger) {
        return new LingeringMessageSource(eventStore, linger);
    }

    /**
     * A handler's failure fails its batch instead of being logged and skipped (Axon's default): the
     * processor retries from its token, so neither a read model, the ledger's chain nor the accounts
     * silently miss an event after, say, a store timeout. Every handler is idempotent, so the retry is
     * safe; a handler that fails for good stops its processor where it is (in the log and the processor
     * status) rather than leaving a gap.
     */
    @Bean
    ConfigurerModule handlerFailuresRetry() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> AxonMongoConfiguration::handlerFailed));
    }

    /**
     * A subscribing handler runs in the command's unit of work after the event store has appended the events,
     * so when the store fails it there, the command's events are already stored: the command must not be
     * answered as "not recorded" (503 STORE_UNAVAILABLE) but as outcome unknown. Everything else propagates.
     */
    static void handlerFailed(Exception failure, org.axonframework.eventhandling.EventMessage<?> event,
                              org.axonframework.eventhandling.EventMessageHandler handler) throws Exception {
        if (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()
                && org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root().getMessage()
                        instanceof org.axonframework.commandhandling.CommandMessage<?>
                && storeFailed(failure)) {
            throw new cz.souhra.infra.store.StoreUnavailableException("the command's events were stored, then the store failed while "
                    + handler.getTargetType().getSimpleName() + " recorded " + event.getPayloadType().getSimpleName() + ": " + failure, true);
        }
        PropagatingErrorHandler.instance().onError(failure, event, handler);
    }

    private static boolean storeFailed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof com.mongodb.MongoTimeoutException || c instanceof com.mongodb.MongoSocketException
                    || c instanceof cz.souhra.infra.store.StoreUnavailableException
                    || c instanceof com.mongodb.MongoServerException m && cz.souhra.infra.store.StoreUnavailableException.isFault(m.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** The acting user and institution travel from the command onto every event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(MetaKeys.USER, MetaKeys.INSTITUTION);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
