package cz.souhra.infra.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cz.souhra.infra.documents.seal.MinutesSeal;
import cz.souhra.query.attachment.AttachmentView;
import cz.souhra.query.attachment.Attachments;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Minutes PDF, meeting calendars and CSV exports; each read is limited to what the viewer may see. Each is
 * served twice: under {@code /api} for scripts (HTTP Basic, no cookie) and beside the web UI's pages for
 * the logged-in browser, whose session is never accepted under {@code /api}.
 */
@RestController
class DocumentsController {

    private static final MediaType PDF = MediaType.APPLICATION_PDF;
    private static final MediaType ICS = MediaType.parseMediaType("text/calendar; charset=UTF-8");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

    private final DocumentSources sources;
    private final MinutesPdf minutes;
    private final CalendarFeed calendar;
    private final CsvExport csv;
    private final Attachments attachments;
    private final MinutesSeal seal;

    DocumentsController(DocumentSources sources, MinutesPdf minutes, CalendarFeed calendar, CsvExport csv, Attachments attachments, MinutesSeal seal) {
        this.attachments = attachments;
        this.seal = seal;
        this.sources = sources;
        this.minutes = minutes;
        this.calendar = calendar;
        this.csv = csv;
    }

    @GetMapping({"/api/meetings/{id}/minutes.pdf", "/meetings/{id}/minutes.pdf"})
    Mono<ResponseEntity<byte[]>> minutes(@PathVariable String id, Actor actor) {
        MeetingId.of(id);
        return Mono.fromCallable(() -> {
            Document meeting = sources.meeting(id);
            if (meeting == null) {
                throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
            }
            requireSees(actor, meeting.getString("bodyId"));
            byte[] pdf = minutes.render(meeting, sources.body(meeting.getString("bodyId")), sources.institutionNames(), attached(id));
            return file(sealed(meeting) ? seal.apply(pdf) : pdf, PDF, "zapis-" + id + ".pdf");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The minutes that are the record carry the institution's seal: today those of a closed meeting. */
    private static boolean sealed(Document meeting) {
        return "CLOSED".equals(meeting.getString("status"));
    }

    /** The meeting's attachments (its agenda items' too), each checked against its hash before it is embedded. */
    private List<MinutesPdf.Attached> attached(String meetingId) {
        List<MinutesPdf.Attached> out = new ArrayList<>();
        for (AttachmentView a : attachments.of(meetingId)) {
            java.nio.file.Path copy = attachments.checkedCopy(a);
            try {
                out.add(new MinutesPdf.Attached(a.name(), a.mediaType(), a.size(), a.sha256(), java.time.Instant.parse(a.addedAt()),
                        java.nio.file.Files.readAllBytes(copy)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                Attachments.delete(copy);
            }
        }
        return out;
    }

    @GetMapping({"/api/bodies/{id}/calendar.ics", "/bodies/{id}/calendar.ics"})
    Mono<ResponseEntity<byte[]>> bodyCalendar(@PathVariable String id, Actor actor) {
        BodyId.of(id);
        return Mono.fromCallable(() -> {
            requireSees(actor, id);
            Document body = sources.body(id);
            String name = body == null ? id : body.getString("name");
            return file(calendar.render(name, sources.meetingsOfBody(id), b -> name), ICS, "jednani.ics");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping({"/api/institutions/{id}/calendar.ics", "/institutions/{id}/calendar.ics"})
    Mono<ResponseEntity<byte[]>> institutionCalendar(@PathVariable String id, Actor actor) {
        InstitutionId.of(id);
        return Mono.fromCallable(() -> {
            if (!actor.actsFor(id) && !actor.has(Actor.Role.ADMIN) && !actor.has(Actor.Role.AUDITOR)) {
                throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN);
            }
            List<Document> meetings = new ArrayList<>();
            Map<String, String> names = new java.util.HashMap<>();
            for (Document body : sources.bodies()) {
                names.put(String.valueOf(body.get("_id")), body.getString("name"));
                if (body.getList("members", String.class, List.of()).contains(id)) {
                    meetings.addAll(sources.meetingsOfBody(String.valueOf(body.get("_id"))));
                }
            }
            // the calendar is named as people know the institution, not by its code
            return file(calendar.render(sources.institutionNames().getOrDefault(id, id), meetings, b -> names.getOrDefault(b, b),
                    sources.measuresOwnedBy(id)), ICS, "jednani-" + id + ".ics");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping({"/api/exports/issues.csv", "/issues.csv"})
    Mono<ResponseEntity<byte[]>> issues(Actor actor) {
        return Mono.fromCallable(() -> file(csv.issues(sources.issues().stream().filter(i -> sources.seesIssue(actor, i)).toList(),
                        sources.institutionNames()), CSV, "podnety.csv"))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping({"/api/exports/measures.csv", "/measures.csv"})
    Mono<ResponseEntity<byte[]>> measures(Actor actor) {
        return Mono.fromCallable(() -> {
            List<Document> visible = sources.measures().stream()
                    .filter(m -> actor.actsFor(m.getString("owner")) || sources.sees(actor, m.getString("bodyId"))).toList();
            return file(csv.measures(visible, sources.institutionNames()), CSV, "opatreni.csv");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void requireSees(Actor actor, String bodyId) {
        if (!sources.sees(actor, bodyId)) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN);
        }
    }

    private static ResponseEntity<byte[]> file(byte[] content, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(content);
    }
}
