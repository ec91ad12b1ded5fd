package cz.souhra.query.attachment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lists of attachments by parent, one attachment's record and its bytes. Readers are who may read the
 * parent. The bytes are sent as a download, or {@code inline} for the types a browser shows itself (PDF
 * and images), always with {@code nosniff} so a browser never reinterprets them.
 */
@RestController
class AttachmentQueryController {

    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg");

    private final Attachments attachments;

    AttachmentQueryController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/api/meetings/{id}/attachments")
    Mono<List<AttachmentView>> ofMeeting(@PathVariable String id, Actor actor) {
        MeetingId.of(id);
        return list("MEETING", id, actor);
    }

    @GetMapping("/api/issues/{id}/attachments")
    Mono<List<AttachmentView>> ofIssue(@PathVariable String id, Actor actor) {
        IssueId.of(id);
        return list("ISSUE", id, actor);
    }

    @GetMapping("/api/measures/{id}/attachments")
    Mono<List<AttachmentView>> ofMeasure(@PathVariable String id, Actor actor) {
        MeasureId.of(id);
        return list("MEASURE", id, actor);
    }

    @GetMapping("/api/attachments/{id}")
    Mono<AttachmentView> one(@PathVariable String id, Actor actor) {
        AttachmentId.of(id);
        return Mono.fromCallable(() -> attachments.readable(actor, id)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping({"/api/attachments/{id}/content", "/attachments/{id}/content"})
    Mono<ResponseEntity<Flux<DataBuffer>>> content(@PathVariable String id, @RequestParam(defaultValue = "false") boolean inline, Actor actor) {
        AttachmentId.of(id);
        return Mono.fromCallable(() -> {
            AttachmentView a = attachments.readable(actor, id);
            return new Checked(a, attachments.checkedCopy(a));
        }).subscribeOn(Schedulers.boundedElastic()).map(c -> {
            boolean shown = inline && INLINE.contains(c.view().mediaType());
            ContentDisposition disposition = (shown ? ContentDisposition.inline() : ContentDisposition.attachment())
                    .filename(c.view().name(), StandardCharsets.UTF_8).build();
            Flux<DataBuffer> body = DataBufferUtils.read(c.file(), DefaultDataBufferFactory.sharedInstance, 64 * 1024)
                    .doFinally(s -> Attachments.delete(c.file()));
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(c.view().mediaType()))
                    .contentLength(c.view().size())
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(c.view().sha256())))
                    .body(body);
        });
    }

    private Mono<List<AttachmentView>> list(String kind, String id, Actor actor) {
        return Mono.fromCallable(() -> {
            attachments.requireParent(actor, kind, id);
            return attachments.of(id);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private record Checked(AttachmentView view, Path file) {}
}
