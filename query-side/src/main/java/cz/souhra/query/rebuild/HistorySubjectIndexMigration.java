package cz.souhra.query.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import cz.souhra.query.history.HistoryProjection;
import cz.souhra.query.history.HistorySubjectIndex;

/**
 * On a store from before the history's subject index, rebuilds the history projection once, in the
 * background after start-up (the rebuild keeps the live read model serving and switches at the end), and
 * then lets subject histories use the index. A rebuild an operator started meanwhile is waited for.
 */
@Component
public class HistorySubjectIndexMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HistorySubjectIndexMigration.class);

    private final HistorySubjectIndex index;
    private final RebuildService rebuild;

    public HistorySubjectIndexMigration(HistorySubjectIndex index, RebuildService rebuild) {
        this.index = index;
        this.rebuild = rebuild;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!index.needsRebuild()) {
            return;
        }
        Thread t = new Thread(this::migrate, "souhra-history-index");
        t.setDaemon(true);
        t.start();
    }

    /** Rebuilds the history projection and marks its subject index complete; true when done. */
    public boolean migrate() {
        log.info("History entries predate the subject index: rebuilding the history projection to index them");
        for (int attempt = 1; attempt <= 60; attempt++) {
            try {
                RebuildService.Report r = rebuild.rebuild(HistoryProjection.GROUP, p -> { });
                index.markComplete();
                log.info("History subject index built from {} events in {} ms", r.events(), r.millis());
                return true;
            } catch (RebuildService.RebuildRunningException busy) {
                sleep();
            } catch (RuntimeException e) {
                // Subject histories keep being answered by scanning; the next start tries again.
                log.warn("Building the history subject index failed: {}", e.toString());
                return false;
            }
        }
        log.warn("Building the history subject index waited 10 minutes for another rebuild; the next start tries again");
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
