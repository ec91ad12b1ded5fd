package cz.souhra.query.body;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Institutions and bodies with their members: public within the deployment to every signed-in user. */
@RestController
class DirectoryQueryController {

    private final DirectoryProjection directory;

    DirectoryQueryController(DirectoryProjection directory) {
        this.directory = directory;
    }

    @GetMapping("/api/institutions")
    Mono<List<Map<String, Object>>> institutions(Actor actor) {
        return Mono.fromCallable(directory::allInstitutions).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/bodies")
    Mono<List<Map<String, Object>>> bodies(Actor actor) {
        return Mono.fromCallable(directory::allBodies).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/bodies/{id}")
    Mono<Map<String, Object>> body(@PathVariable String id, Actor actor) {
        BodyId.of(id);
        return Mono.fromCallable(() -> {
            Document d = directory.body(id);
            if (d == null) {
                throw QueryRefusal.notFound(id);
            }
            return (Map<String, Object>) d;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
