package cz.souhra.infra.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.UuidRepresentation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks a store on another host whether it still answers, with a short deadline of its own. The
 * application's client cannot tell quickly: a store process that is frozen (or a host that drops
 * packets) keeps the port open, so a request already waiting on a connection learns nothing until the
 * 10 s socket timeout, and the driver's heartbeat needs its 5 s connect timeout to mark the server
 * unknown. Those timeouts cannot be shortened, because a busy store legitimately takes seconds for a
 * large scan. A {@code ping} needs no work from the store, so a ping without an answer within the
 * deadline means the store is unavailable, not busy. Its own client (one connection, short timeouts)
 * keeps the probe away from the application's pool.
 *
 * <p>Only for a store reached through {@code spring.data.mongodb.uri}: the embedded store lives in this
 * process and cannot stop while the process runs (and its event loops, shared with long scans, would
 * delay a ping without the store being gone).
 */
@Component
@ConditionalOnExpression("!'${spring.data.mongodb.uri:}'.isEmpty()")
public class StoreLiveness implements DisposableBean {

    private final MongoClient probe;
    private final Clock clock;
    private final Duration remember;
    private volatile Mono<Boolean> inFlight;
    private volatile Instant lastFailure = Instant.MIN;

    public StoreLiveness(@Value("${spring.data.mongodb.uri}") String uri,
                         @Value("${souhra.store.liveness-timeout:PT0.8S}") Duration timeout, Clock clock) {
        int millis = (int) timeout.toMillis();
        this.probe = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToServerSettings(s -> s.heartbeatFrequency(500, TimeUnit.MILLISECONDS).minHeartbeatFrequency(250, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(p -> p.maxSize(2))
                .applyToSocketSettings(s -> s.connectTimeout(millis, TimeUnit.MILLISECONDS).readTimeout(millis, TimeUnit.MILLISECONDS))
                .build());
        this.clock = clock;
        this.remember = timeout.multipliedBy(4);
    }

    /**
     * Whether the store answers a ping within the deadline. Concurrent callers share one ping, so a
     * hundred waiting requests cost the store one round trip.
     */
    public Mono<Boolean> answers() {
        Mono<Boolean> current = inFlight;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (inFlight == null) {
                inFlight = Mono.fromCallable(this::ping).subscribeOn(Schedulers.boundedElastic())
                        .doFinally(s -> inFlight = null).cache();
            }
            return inFlight;
        }
    }

    /** The last ping failed a moment ago: a command should not be sent into a store that may take it later. */
    public boolean recentlyFailed() {
        return lastFailure.plus(remember).isAfter(clock.instant());
    }

    private boolean ping() {
        try {
            probe.getDatabase("admin").runCommand(new Document("ping", 1));
            lastFailure = Instant.MIN;
            return true;
        } catch (RuntimeException e) {
            lastFailure = clock.instant();
            return false;
        }
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
