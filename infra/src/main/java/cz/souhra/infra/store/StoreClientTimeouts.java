package cz.souhra.infra.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

import com.mongodb.MongoClientSettings;

/**
 * How long a request may wait for the store before it is answered with 503. The driver's defaults
 * (30 s server selection, no socket timeout, a heartbeat every 10 s) would hold a request for half a
 * minute, or forever when the store's host stops answering. A refused or closed connection now fails
 * within the 1 s selection/connect timeouts; a host that stops answering is noticed by the 0.5 s
 * heartbeat, which marks the server unknown and interrupts the connections in use. The socket timeout
 * itself stays long, because the embedded server scans and sorts the event collection for a tracking
 * query (seconds at 100k events) and a short one would fail such queries for ever. The driver reconnects
 * by itself once the store is back. Applies to the embedded store's client and, as a customizer, to
 * Spring Boot's client for {@code spring.data.mongodb.uri}.
 */
@Component
public class StoreClientTimeouts implements MongoClientSettingsBuilderCustomizer {

    private final Duration serverSelection;
    private final Duration connect;
    private final Duration socket;

    public StoreClientTimeouts(@Value("${souhra.store.server-selection-timeout:PT1S}") Duration serverSelection,
                               @Value("${souhra.store.connect-timeout:PT1S}") Duration connect,
                               @Value("${souhra.store.socket-timeout:PT10S}") Duration socket) {
        this.serverSelection = serverSelection;
        this.connect = connect;
        this.socket = socket;
    }

    @Override
    public void customize(MongoClientSettings.Builder builder) {
        builder.applyToClusterSettings(c -> c.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToServerSettings(s -> s.heartbeatFrequency(500, TimeUnit.MILLISECONDS).minHeartbeatFrequency(250, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) socket.toMillis(), TimeUnit.MILLISECONDS));
    }
}
