package cz.souhra.infra.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;

import cz.souhra.query.attachment.Attachments;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The attachments panel of the meeting, issue and measure pages: loaded into the page after it renders
 * (htmx), so those pages' own handlers stay as they are. Readers are who may read the parent; the upload
 * form shows to everyone who may write, and the server still decides (the body's secretary, the raising
 * institution, the owner), answering a refusal the panel shows.
 */
@Controller
class AttachmentPages {

    private final Attachments attachments;
    private final Ui ui;

    AttachmentPages(Attachments attachments, Ui ui) {
        this.attachments = attachments;
        this.ui = ui;
    }

    @GetMapping("/attachments/of/{kind}/{id}")
    Mono<Rendering> panel(@PathVariable String kind, @PathVariable String id,
                          @org.springframework.web.bind.annotation.RequestParam(required = false) String expect, Actor actor) {
        String parent = switch (kind) {
            case "meetings" -> MeetingId.of(id).value();
            case "issues" -> IssueId.of(id).value();
            case "measures" -> MeasureId.of(id).value();
            default -> throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        };
        String type = switch (kind) {
            case "meetings" -> "MEETING";
            case "issues" -> "ISSUE";
            default -> "MEASURE";
        };
        boolean writer = actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.SECRETARY) || actor.has(Actor.Role.MEMBER);
        return Mono.fromCallable(() -> {
            attachments.requireParent(actor, type, parent);
            if (expect != null) {
                ui.catchUp(() -> attachments.of(parent).stream().anyMatch(a -> a.attachmentId().equals(expect)));
            }
            return Rendering.view("attachments :: panel").modelAttribute("attachments", attachments.of(parent))
                    .modelAttribute("uploadTo", "/" + kind + "/" + parent + "/attachments").modelAttribute("canUpload", writer).build();
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
