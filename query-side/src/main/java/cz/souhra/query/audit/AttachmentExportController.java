package cz.souhra.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipOutputStream;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The bytes of the attachments an export names, as a ZIP holding {@code attachments/<id>} per attachment
 * still in the store. Unpacked next to {@code export.jsonl}, the offline verifier checks each against the
 * SHA-256 in its chained event. Auditors and administrators only (the {@code /api/audit} rules).
 */
@RestController
class AttachmentExportController {

    private final Ledger ledger;
    private final AttachmentBytes attachments;

    AttachmentExportController(Ledger ledger, AttachmentBytes attachments) {
        this.ledger = ledger;
        this.attachments = attachments;
    }

    @GetMapping(value = "/api/audit/export-attachments.zip", produces = "application/zip")
    ResponseEntity<Flux<DataBuffer>> export(@RequestParam(required = false) String region) {
        Flux<DataBuffer> zip = Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                attachments.exportZip(() -> ledger.export(region).map(ExportLine::event).iterator(), z);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DefaultDataBufferFactory.sharedInstance, task -> Schedulers.boundedElastic().schedule(task)));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"export-attachments.zip\"").body(zip);
    }
}
