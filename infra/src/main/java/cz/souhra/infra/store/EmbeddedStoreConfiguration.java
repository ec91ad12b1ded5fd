package cz.souhra.infra.store;

import java.util.Map;

import org.bson.UuidRepresentation;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Chosen when {@code spring.data.mongodb.uri} is not set: Souhra then starts its own store, so a new
 * machine needs nothing but a JDK. With a URI, Spring Boot's own Mongo auto-configuration applies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty()")
@EnableConfigurationProperties(StoreProperties.class)
class EmbeddedStoreConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties) {
        StoreProperties.Embedded e = properties.embedded();
        return EmbeddedStore.start(properties.dataDir(), e.host(), e.port(), e.fsync(), e.compactEverySeconds());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedStore store, StoreClientTimeouts timeouts) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD);
        timeouts.customize(settings);
        return MongoClients.create(settings.build());
    }

    @Bean
    HealthIndicator embeddedStoreHealth(EmbeddedStore store) {
        return () -> Health.up().withDetails(Map.of(
                "engine", "mongo-java-server/H2 MVStore + write-ahead log (group commit)",
                "address", store.address().toString(),
                "dataDir", store.dataDir().toAbsolutePath().toString(),
                "fileBytes", store.backend().fileSize(),
                "writes", store.backend().writeCount(),
                "checkpoints", store.backend().checkpointCount(),
                "checkpointHoldMaxMillis", store.backend().checkpointHoldMaxMillis())).build();
    }
}
