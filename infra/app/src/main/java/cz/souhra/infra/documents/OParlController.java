package cz.souhra.infra.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An OParl 1.1 style read-only view of the bodies, their meetings with agenda items, and the member
 * institutions, for other systems that already read council data in that format. Mapping: a body is an
 * OParl {@code Body} and also the {@code Organization} whose meetings it holds; each member institution is
 * an {@code Organization}; its membership is a {@code Membership} of the body's organization
 * {@code onBehalfOf} the institution. Ids are URLs of this API; every read is limited as the other
 * documents are (a member institution sees its own bodies).
 */
@RestController
@RequestMapping("/api/oparl/v1")
class OParlController {

    static final String SCHEMA = "https://schema.oparl.org/1.1/";

    private final DocumentSources sources;

    OParlController(DocumentSources sources) {
        this.sources = sources;
    }

    @GetMapping("/system")
    Mono<Map<String, Object>> system(ServerHttpRequest request) {
        String base = base(request);
        return Mono.just(object(base + "/system", "System", "Souhra")
                .with("oparlVersion", SCHEMA).with("body", base + "/body").with("website", root(request)).map());
    }

    @GetMapping("/body")
    Mono<Map<String, Object>> bodies(ServerHttpRequest request, Actor actor) {
        String base = base(request);
        return blocking(() -> list(sources.bodies().stream().filter(b -> sources.sees(actor, b.getString("_id"))).map(b -> body(base, b)).toList()));
    }

    @GetMapping("/body/{id}")
    Mono<Map<String, Object>> body(@PathVariable String id, ServerHttpRequest request, Actor actor) {
        BodyId.of(id);
        return blocking(() -> body(base(request), visibleBody(id, actor)));
    }

    @GetMapping("/body/{id}/meeting")
    Mono<Map<String, Object>> meetings(@PathVariable String id, ServerHttpRequest request, Actor actor) {
        BodyId.of(id);
        String base = base(request);
        return blocking(() -> {
            visibleBody(id, actor);
            return list(sources.meetingsOfBody(id).stream().sorted(java.util.Comparator.comparing(m -> m.getString("startsAt")))
                    .map(m -> meeting(base, m)).toList());
        });
    }

    @GetMapping("/body/{id}/organization")
    Mono<Map<String, Object>> organizations(@PathVariable String id, ServerHttpRequest request, Actor actor) {
        BodyId.of(id);
        String base = base(request);
        return blocking(() -> {
            Document body = visibleBody(id, actor);
            Map<String, String> names = sources.institutionNames();
            List<Map<String, Object>> out = new ArrayList<>();
            out.add(bodyOrganization(base, body));
            for (String member : body.getList("members", String.class, List.of())) {
                out.add(institution(base, member, names.getOrDefault(member, member)));
            }
            return list(out);
        });
    }

    @GetMapping("/organization/{id}")
    Mono<Map<String, Object>> organization(@PathVariable String id, ServerHttpRequest request, Actor actor) {
        String base = base(request);
        return blocking(() -> {
            Document body = sources.body(id);
            if (body != null) {
                requireSees(actor, id);
                return bodyOrganization(base, body);
            }
            String name = sources.institutionNames().get(id);
            if (name == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return institution(base, id, name);
        });
    }

    @GetMapping("/membership/{bodyId}/{institution}")
    Mono<Map<String, Object>> membership(@PathVariable String bodyId, @PathVariable String institution, ServerHttpRequest request, Actor actor) {
        BodyId.of(bodyId);
        String base = base(request);
        return blocking(() -> {
            Document body = visibleBody(bodyId, actor);
            if (!body.getList("members", String.class, List.of()).contains(institution)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return membership(base, bodyId, institution);
        });
    }

    @GetMapping("/meeting/{id}")
    Mono<Map<String, Object>> meeting(@PathVariable String id, ServerHttpRequest request, Actor actor) {
        MeetingId.of(id);
        String base = base(request);
        return blocking(() -> {
            Document m = sources.meeting(id);
            if (m == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            requireSees(actor, m.getString("bodyId"));
            return meeting(base, m);
        });
    }

    private Document visibleBody(String id, Actor actor) {
        Document body = sources.body(id);
        if (body == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        requireSees(actor, id);
        return body;
    }

    private void requireSees(Actor actor, String bodyId) {
        if (!sources.sees(actor, bodyId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static Map<String, Object> body(String base, Document b) {
        String id = b.getString("_id");
        return object(base + "/body/" + id, "Body", b.getString("name"))
                .with("system", base + "/system")
                .with("classification", "WORKING_GROUP".equals(b.getString("kind")) ? "Pracovní skupina" : "Regionální platforma")
                .with("region", b.getString("region"))
                .with("organization", base + "/body/" + id + "/organization")
                .with("meeting", base + "/body/" + id + "/meeting")
                .with("deleted", Boolean.TRUE.equals(b.get("dissolved")))
                .with("modified", b.getString("lastRecordedAt")).map();
    }

    private static Map<String, Object> bodyOrganization(String base, Document b) {
        String id = b.getString("_id");
        return object(base + "/organization/" + id, "Organization", b.getString("name"))
                .with("body", base + "/body/" + id)
                .with("organizationType", "Gremium")
                .with("classification", "WORKING_GROUP".equals(b.getString("kind")) ? "Pracovní skupina" : "Regionální platforma")
                .with("meeting", base + "/body/" + id + "/meeting")
                .with("membership", b.getList("members", String.class, List.of()).stream().map(i -> base + "/membership/" + id + "/" + i).toList())
                .map();
    }

    private static Map<String, Object> institution(String base, String id, String name) {
        return object(base + "/organization/" + id, "Organization", name).with("shortName", id).with("organizationType", "Institution").map();
    }

    private static Map<String, Object> membership(String base, String bodyId, String institution) {
        return object(base + "/membership/" + bodyId + "/" + institution, "Membership", null)
                .with("organization", base + "/organization/" + bodyId)
                .with("onBehalfOf", base + "/organization/" + institution)
                .with("role", "člen").map();
    }

    private static Map<String, Object> meeting(String base, Document m) {
        String id = m.getString("_id");
        List<Map<String, Object>> items = new ArrayList<>();
        int number = 1;
        for (Object o : m.getList("agenda", Object.class, List.of())) {
            Document item = o instanceof Document d ? d : new Document(castMap(o));
            items.add(object(base + "/meeting/" + id + "#item-" + item.getString("itemId"), "AgendaItem", item.getString("title"))
                    .with("meeting", base + "/meeting/" + id).with("number", String.valueOf(number++)).with("public", true)
                    .with("result", item.getString("discussion")).map());
        }
        String status = m.getString("status");
        return object(base + "/meeting/" + id, "Meeting", null)
                .with("meetingState", switch (status == null ? "" : status) {
                    case "SCHEDULED" -> "terminiert";
                    case "CONVENED" -> "eingeladen";
                    case "CLOSED" -> "durchgeführt";
                    default -> status;
                })
                .with("cancelled", "CANCELLED".equals(status))
                .with("start", m.getString("startsAt"))
                .with("end", m.getString("closedAt"))
                .with("location", m.getString("place") == null ? null : Map.of("type", SCHEMA + "Location", "description", m.getString("place")))
                .with("organization", List.of(base + "/organization/" + m.getString("bodyId")))
                .with("agendaItem", items)
                .with("modified", m.getString("lastRecordedAt")).map();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> list(List<Map<String, Object>> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("pagination", Map.of("totalElements", data.size(), "elementsPerPage", Math.max(1, data.size()), "currentPage", 1, "totalPages", 1));
        out.put("links", Map.of());
        return out;
    }

    private static Builder object(String id, String type, String name) {
        return new Builder().with("id", id).with("type", SCHEMA + type).with("name", name);
    }

    /** Keeps the field order of the OParl examples and leaves out absent values. */
    private static final class Builder {
        private final Map<String, Object> map = new LinkedHashMap<>();

        Builder with(String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        Map<String, Object> map() {
            return map;
        }
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    private static String root(ServerHttpRequest request) {
        var uri = request.getURI();
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String base(ServerHttpRequest request) {
        return root(request) + "/api/oparl/v1";
    }
}
