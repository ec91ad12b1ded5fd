package cz.souhra.query.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the ledger's heads outside the store ({@code souhra.ledger.anchors.dir}, one {@link HeadFile} a UTC
 * day, rewritten every {@code souhra.ledger.anchors.interval} so the day's file ends with the day's last
 * heads). A rewrite of the store that recomputes the chain cannot change the files already shipped.
 */
@Component
public class LedgerAnchors {

    private static final Logger log = LoggerFactory.getLogger(LedgerAnchors.class);

    private final Ledger ledger;
    private final Optional<Path> dir;
    private final Clock clock;

    @Autowired
    public LedgerAnchors(Ledger ledger, @Value("${souhra.ledger.anchors.dir:}") String dir) {
        this(ledger, dir == null || dir.isBlank() ? null : Path.of(dir), Clock.systemUTC());
    }

    LedgerAnchors(Ledger ledger, Path dir, Clock clock) {
        this.ledger = ledger;
        this.dir = Optional.ofNullable(dir);
        this.clock = clock;
    }

    public Optional<Path> dir() {
        return dir;
    }

    @Scheduled(fixedDelayString = "${souhra.ledger.anchors.interval:PT1H}", initialDelayString = "${souhra.ledger.anchors.interval:PT1H}")
    void scheduled() {
        try {
            writeNow();
        } catch (RuntimeException e) {
            log.error("The ledger head file was not written; the next attempt follows at the next interval", e);
        }
    }

    /** Writes today's head file from the stored heads; empty when no directory is configured. */
    public Optional<Path> writeNow() {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        List<LedgerEntry> heads = ledger.regions().stream().map(ledger::head).flatMap(Optional::stream).toList();
        Path written = HeadFile.write(dir.get(), Instant.now(clock), heads);
        log.info("Ledger heads of {} regions written to {}", heads.size(), written);
        return Optional.of(written);
    }

    /** The heads of every file in the configured directory; none when no directory is configured. */
    List<HeadFile.Head> configuredHeads() throws IOException {
        return dir.isEmpty() || !java.nio.file.Files.isDirectory(dir.get()) ? List.of() : HeadFile.read(dir.get());
    }
}
