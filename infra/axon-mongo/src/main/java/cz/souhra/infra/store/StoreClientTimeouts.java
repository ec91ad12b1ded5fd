package cz.souhra.infra.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

import com.mongodb.MongoClientSettings;

/**
 * How long a request may wait for the store before it is answered with 503. The driver's defaults
 * (30 s server selection, no socket timeout) would hold a request for half a minute, or for ever when
 * the store's host stops answering. With these, a store that is gone (connection refused) is a 503
 * within about 1 s: the server selection timeout. A host that accepts connections but answers nothing
 * (a frozen process) is noticed by the heartbeat (every 0.5 s, failing after the 5 s connect timeout);
 * a request already waiting on a connection would end only at the 10 s socket timeout, so for a remote
 * store StoreWatchdog pings it with a deadline of its own and answers such a request after about 2 s. Both timeouts are longer
 * than 2 s on purpose: a 1 s heartbeat timeout marked the in-process store unknown under CPU starvation
 * and refused a request in the race run, and the embedded server scans and sorts the event collection
 * for a tracking query (seconds at 100k events), which a short socket timeout would fail for ever. The
 * driver reconnects by itself once the store is back. Applies to the embedded store's client and, as a
 * customizer, to Spring Boot's client for {@code spring.data.mongodb.uri}.
 */
@Component
public class StoreClientTimeouts implements MongoClientSettingsBuilderCustomizer {

    private final Duration serverSelection;
    private final Duration connect;
    private final Duration socket;

    public StoreClientTimeouts(@Value("${souhra.store.server-selection-timeout:PT1S}") Duration serverSelection,
                               @Value("${souhra.store.connect-timeout:PT5S}") Duration connect,
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
