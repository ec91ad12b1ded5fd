package cz.souhra.infra.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restarts the streaming processors that are in retry mode when the store takes traffic again. Axon's
 * tracking processor waits 1, 2, 4 … 60 s between attempts after consecutive failures, so a store fault of
 * half a minute left the read models behind for up to another minute after the store had healed (measured
 * in DiskFullTest: back-offs of 16 s after a 15 s fault). A restart ends the wait within 100 ms (the
 * processor checks its state that often while it waits) and goes on from the stored tokens, which the
 * idempotent folds make safe.
 */
@Component
class ProcessorsResumeWithStore {

    private static final Logger log = LoggerFactory.getLogger(ProcessorsResumeWithStore.class);

    private final EventProcessingConfiguration processing;

    ProcessorsResumeWithStore(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @EventListener
    void on(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(p -> p.isRunning() && p.processingStatus().values().stream().anyMatch(s -> s.isErrorState()))
                .forEach(p -> {
                    log.info("Store available again: restarting processor {} out of its retry wait", p.getName());
                    p.shutdownAsync().thenRun(p::start);
                });
    }
}
