package cz.souhra.infra.config;

import java.time.Duration;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;

/**
 * Start-up waits for the store instead of failing at its first touch. Requests give up on a store after the
 * 1 s server selection timeout (souhra.store.server-selection-timeout), which is right for a request but
 * not for a start: on a busy host about one start in 45 failed with {@code MongoTimeoutException ...
 * Application run failed}, and a store started beside Souhra (a container, a second process) may come up
 * seconds later. So once the store's client exists, and before anything that needs the store (indexes,
 * token store, ledger, the first administrator) is built, the client pings the store until it answers or
 * {@code souhra.store.startup-timeout} (default 60 s) has passed; then the start fails with a message that
 * names the store and the setting. Only an unreachable store is waited for: any other answer (refused
 * credentials, for instance) fails at once, as waiting would not change it.
 */
@Component
class StoreStartupWait implements BeanPostProcessor, EnvironmentAware {

    static final String TIMEOUT = "souhra.store.startup-timeout";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(StoreStartupWait.class);

    private Duration timeout = DEFAULT_TIMEOUT;

    @Override
    public void setEnvironment(Environment environment) {
        // Bound here rather than injected: a post-processor is created before the configuration properties beans.
        this.timeout = Binder.get(environment).bind(TIMEOUT, Duration.class).orElse(DEFAULT_TIMEOUT);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof MongoClient client) {
            await(client);
        }
        return bean;
    }

    void await(MongoClient client) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                client.getDatabase("admin").runCommand(new Document("ping", 1));
                if (attempts > 1) {
                    log.info("The store answered after {} ms ({} attempts)", (System.nanoTime() - started) / 1_000_000, attempts);
                }
                return;
            } catch (MongoTimeoutException | MongoSocketException unreachable) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("The store at " + client.getClusterDescription().getClusterSettings().getHosts()
                            + " did not answer within " + timeout.toSeconds() + " s (" + TIMEOUT + "; " + attempts + " attempts). Last error: "
                            + unreachable.getMessage(), unreachable);
                }
                if (attempts == 1) {
                    log.warn("The store does not answer yet; waiting up to {} s ({}): {}", timeout.toSeconds(), TIMEOUT, unreachable.getMessage());
                }
                sleep(Math.min(PAUSE.toNanos(), left));
            }
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the store", e);
        }
    }
}
