package cz.souhra.command.attachment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code souhra.attachments.*}: the largest upload accepted ({@code max-size}, 25 MB) and how old an
 * interrupted upload must be before its bytes are swept ({@code sweep-grace}, 15 minutes: longer than an
 * upload takes, so one still running in another process sharing the store is left alone).
 */
@ConfigurationProperties("souhra.attachments")
public record AttachmentProperties(DataSize maxSize, Duration sweepGrace) {
    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(25) : maxSize;
        sweepGrace = sweepGrace == null ? Duration.ofMinutes(15) : sweepGrace;
    }
}
