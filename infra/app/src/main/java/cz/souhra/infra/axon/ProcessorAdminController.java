package cz.souhra.infra.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which processing segments this process holds, and a way to hand one over (ADMIN). Several Souhra
 * processes on one store share each projection's segments through claims in the token store, but a
 * process that starts first claims every segment it has threads for; releasing a segment here lets
 * another process claim it (this one keeps away from it for {@code souhra.processors.release-for}, 20 s:
 * another process's launcher looks for free segments every 5 s), which is how an operator spreads the work
 * after adding a process. If nobody claims it in that time, this process takes it back, so a hand-over to a
 * process that is not there leaves the segment unprocessed for seconds, not a minute (it was 60 s, and the
 * two-process bench then waited ~48 s for the surviving process to take a killed one's segments). A dead
 * process's claims expire by themselves after 10 s.
 */
@RestController
class ProcessorAdminController {

    record ProcessorState(String name, boolean running, List<Integer> segmentsHere, Map<Integer, Boolean> caughtUp) {}

    private final EventProcessingConfiguration processing;
    private final Duration releaseFor;

    ProcessorAdminController(EventProcessingConfiguration processing,
                             @Value("${souhra.processors.release-for:PT20S}") Duration releaseFor) {
        this.processing = processing;
        this.releaseFor = releaseFor;
    }

    @GetMapping("/api/admin/processors")
    List<ProcessorState> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(p -> {
                    Map<Integer, Boolean> caughtUp = new TreeMap<>();
                    p.processingStatus().forEach((segment, status) -> caughtUp.put(segment, status.isCaughtUp()));
                    return new ProcessorState(p.getName(), p.isRunning(), List.copyOf(caughtUp.keySet()), caughtUp);
                })
                .sorted(java.util.Comparator.comparing(ProcessorState::name))
                .toList();
    }

    @PostMapping("/api/admin/processors/{name}/segments/{segment}/release")
    ResponseEntity<ProcessorState> release(@PathVariable String name, @PathVariable int segment) {
        StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (segment < 0 || !p.processingStatus().containsKey(segment)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        p.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        return ResponseEntity.accepted().body(processors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow());
    }

}
