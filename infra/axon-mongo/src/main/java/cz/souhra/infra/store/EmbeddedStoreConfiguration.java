package cz.souhra.infra.store;

import java.util.Map;

import org.bson.UuidRepresentation;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.infra.axon.AxonMongoConfiguration;

/**
 * Chosen when {@code spring.data.mongodb.uri} is not set: Souhra then starts its own store, so a new
 * machine needs nothing but a JDK. With a URI, Spring Boot's own Mongo auto-configuration applies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty()")
@EnableConfigurationProperties(StoreProperties.class)
class EmbeddedStoreConfiguration {

    /**
     * Readiness follows the store: an orchestrator stops sending traffic while the store cannot write its
     * files, and sends it again once the store has reopened them.
     */
    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties, ApplicationEventPublisher events) {
        StoreProperties.Embedded e = properties.embedded();
        EmbeddedStore store = EmbeddedStore.start(properties.dataDir(), e.host(), e.port(), e.fsync(), e.compactEverySeconds(),
                AxonMongoConfiguration.eventCollection());
        store.onAvailability(reason -> AvailabilityChangeEvent.publish(events, store, ReadinessState.REFUSING_TRAFFIC),
                () -> AvailabilityChangeEvent.publish(events, store, ReadinessState.ACCEPTING_TRAFFIC));
        return store;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedStore store, StoreClientTimeouts timeouts) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD);
        timeouts.customize(settings);
        return MongoClients.create(settings.build());
    }

    /** DOWN with the reason while the store refuses commands (a full or failing disk), so a supervisor sees it. */
    @Bean
    HealthIndicator embeddedStoreHealth(EmbeddedStore store) {
        return () -> {
            String reason = store.unavailableReason();
            DurableH2Backend backend = store.backend();
            if (reason != null || backend == null) {
                return Health.down().withDetails(Map.of(
                        "reason", reason == null ? "the store's files are being reopened" : reason,
                        "address", store.address().toString(),
                        "dataDir", store.dataDir().toAbsolutePath().toString())).build();
            }
            return Health.up().withDetails(Map.of(
                    "engine", "mongo-java-server/H2 MVStore + write-ahead log (group commit)",
                    "address", store.address().toString(),
                    "dataDir", store.dataDir().toAbsolutePath().toString(),
                    "fileBytes", backend.fileSize(),
                    "writes", backend.writeCount(),
                    "checkpoints", backend.checkpointCount(),
                    "checkpointHoldMaxMillis", backend.checkpointHoldMaxMillis())).build();
        };
    }
}
