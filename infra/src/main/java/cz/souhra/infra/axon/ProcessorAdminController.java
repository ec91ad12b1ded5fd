package cz.souhra.infra.axon;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
 * another process claim it (this one keeps away from it for the given time), which is how an operator
 * spreads the work after adding a process. A dead process's claims expire by themselves.
 */
@RestController
class ProcessorAdminController {

    record ProcessorState(String name, boolean running, List<Integer> segmentsHere, Map<Integer, Boolean> caughtUp) {}

    private final EventProcessingConfiguration processing;

    ProcessorAdminController(EventProcessingConfiguration processing) {
        this.processing = processing;
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
        p.releaseSegment(segment, 60, TimeUnit.SECONDS);
        return ResponseEntity.accepted().body(processors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow());
    }

}
