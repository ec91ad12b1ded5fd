package cz.souhra.command.attachment;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.command.web.CommandSender;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.attachment.AddAttachmentCommand;
import cz.souhra.shared.commands.attachment.RemoveAttachmentCommand;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.model.AttachedTo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Uploads ({@code multipart/form-data} with one part {@code file}) to a meeting, an agenda item, an issue or
 * a measure, answered 201 with the attachment's id; and removal. Before the body is read: the declared size,
 * the parent and the uploader's right to attach to it, so a refused upload stores nothing. A removal is an
 * event; the bytes are purged once it is recorded, while the event with the hash stays in the ledger. The
 * uploads are served twice, like the documents: under {@code /api} for scripts and beside the pages for the
 * logged-in browser (CSRF token in a header).
 */
@RestController
class AttachmentCommandController {

    record Remove(@NotBlank @Size(max = 2000) String reason) {}

    private final AttachmentUploads uploads;
    private final AttachmentParents parents;
    private final CommandSender commands;

    AttachmentCommandController(AttachmentUploads uploads, AttachmentParents parents, CommandSender commands) {
        this.uploads = uploads;
        this.parents = parents;
        this.commands = commands;
    }

    @PostMapping(path = {"/api/meetings/{id}/attachments", "/meetings/{id}/attachments"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> toMeeting(@PathVariable String id, @RequestBody Flux<PartEvent> parts, ServerHttpRequest request, Actor actor) {
        return upload(AttachedTo.MEETING, MeetingId.of(id).value(), id, parts, request, actor);
    }

    @PostMapping(path = "/api/meetings/{id}/agenda-items/{itemId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> toAgendaItem(@PathVariable String id, @PathVariable String itemId, @RequestBody Flux<PartEvent> parts,
                                                           ServerHttpRequest request, Actor actor) {
        return upload(AttachedTo.AGENDA_ITEM, AgendaItemId.of(itemId).value(), MeetingId.of(id).value(), parts, request, actor);
    }

    @PostMapping(path = {"/api/issues/{id}/attachments", "/issues/{id}/attachments"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> toIssue(@PathVariable String id, @RequestBody Flux<PartEvent> parts, ServerHttpRequest request, Actor actor) {
        return upload(AttachedTo.ISSUE, IssueId.of(id).value(), null, parts, request, actor);
    }

    @PostMapping(path = {"/api/measures/{id}/attachments", "/measures/{id}/attachments"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> toMeasure(@PathVariable String id, @RequestBody Flux<PartEvent> parts, ServerHttpRequest request, Actor actor) {
        return upload(AttachedTo.MEASURE, MeasureId.of(id).value(), null, parts, request, actor);
    }

    @PostMapping("/api/attachments/{id}/remove")
    Mono<ResponseEntity<Map<String, Object>>> remove(@PathVariable String id, @Valid @RequestBody Remove body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        AttachmentId attachment = AttachmentId.of(id);
        Long expected = CommandSender.expectedVersion(ifMatch);
        return Mono.fromCallable(() -> {
                    AttachmentParents.Attached a = parents.of(id);
                    return parents.resolve(a.kind(), a.parentId(), a.meetingId());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(p -> commands.accepted(new RemoveAttachmentCommand(attachment, p.bodyId(), p.owner(), body.reason(), expected), actor, id))
                // the removal is recorded; the bytes go with it (a crash before this line leaves them, still matching their hash)
                .flatMap(r -> Mono.fromRunnable(() -> uploads.purge(attachment)).subscribeOn(Schedulers.boundedElastic()).thenReturn(r));
    }

    private Mono<ResponseEntity<Map<String, Object>>> upload(AttachedTo kind, String parentId, String meetingId, Flux<PartEvent> parts,
                                                             ServerHttpRequest request, Actor actor) {
        uploads.refuseDeclaredSize(request.getHeaders().getContentLength());
        AttachmentId id = AttachmentId.random();
        return Mono.fromCallable(() -> {
                    AttachmentParents.Parent p = parents.resolve(kind, parentId, meetingId);
                    Attachment.requireEditor(actor, kind, p.region(), p.bodyId(), p.owner() == null ? null : p.owner().value());
                    return p;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(p -> uploads.receive(id, parts).flatMap(stored -> commands.created(new AddAttachmentCommand(id, kind,
                                        meetingId == null ? null : MeetingId.of(meetingId), kind == AttachedTo.AGENDA_ITEM ? parentId : null,
                                        kind == AttachedTo.ISSUE ? IssueId.of(parentId) : null, kind == AttachedTo.MEASURE ? MeasureId.of(parentId) : null,
                                        p.region(), p.bodyId(), p.owner(), stored.name(), stored.mediaType(), stored.size(), stored.sha256()),
                                actor, "/api/attachments/" + id, id.value())
                        .publishOn(Schedulers.boundedElastic())
                        .doOnSuccess(r -> uploads.settle(id))
                        .onErrorResume(e -> Mono.fromRunnable(() -> uploads.settle(id)).subscribeOn(Schedulers.boundedElastic()).then(Mono.error(e)))));
    }
}
