package cz.souhra.infra.audit;

import cz.souhra.query.audit.*;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/admin/determinism}: rebuild every read model into a shadow and compare digests (ADMIN). */
@RestController
class DeterminismController {

    private final DeterminismCheck check;

    DeterminismController(DeterminismCheck check) {
        this.check = check;
    }

    @PostMapping("/api/admin/determinism")
    Mono<DeterminismCheck.Result> run() {
        return Mono.fromCallable(() -> check.run((n, what) -> { })).subscribeOn(Schedulers.boundedElastic());
    }
}
