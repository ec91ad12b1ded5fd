package cz.souhra.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.lucene.store.LockObtainFailedException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where this process keeps its copy of the search index, and the processor that feeds it.
 *
 * <p>The index lives in {@code souhra.search.dir} (default {@code <souhra.data-dir>/search}) with a
 * {@code node-id} file beside it. The processor is named {@code search-<node-id>}: its token in the shared
 * token store belongs to this copy alone, so several processes on one store each track every event into their
 * own index, and a copy deleted by an operator is rebuilt from the first event under a new node id at the next
 * start. When the directory is held by another process or application context (two processes on the same
 * data-dir path that share a store by its URI), the next free {@code search-2}, {@code search-3}, … is taken.
 */
@Configuration
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);
    private static final int MAX_COPIES = 16;

    /** A search copy: its index and the name of the processor that feeds it. */
    record Copy(SearchIndex index, String processor, Path dir) {
    }

    /**
     * The attachments' texts, from their bytes in the store, bounded by {@code souhra.search.attachment-text.*}:
     * files above {@code max-bytes} are not parsed, text past {@code max-chars} is cut, a parse over {@code timeout}
     * is abandoned (the processor is single-threaded: one slow file holds the index back that long at most).
     */
    @Bean
    AttachmentText attachmentText(org.springframework.data.mongodb.core.MongoTemplate mongo,
                                  @Value("${souhra.search.attachment-text.max-bytes:25MB}") org.springframework.util.unit.DataSize maxBytes,
                                  @Value("${souhra.search.attachment-text.max-chars:500000}") int maxChars,
                                  @Value("${souhra.search.attachment-text.timeout:PT30S}") java.time.Duration timeout) {
        return new StoredAttachmentText(com.mongodb.client.gridfs.GridFSBuckets.create(mongo.getDb(), cz.souhra.query.attachment.Attachments.BUCKET),
                new AttachmentTextExtractor(maxBytes.toBytes(), maxChars, timeout));
    }

    @Bean
    Copy searchCopy(@Value("${souhra.search.dir:${souhra.data-dir:./data}/search}") Path dir, AttachmentText attachmentText) {
        for (int n = 1; n <= MAX_COPIES; n++) {
            Path candidate = n == 1 ? dir : dir.resolveSibling(dir.getFileName() + "-" + n);
            try {
                SearchIndex index = SearchIndex.open(candidate.resolve("index"), attachmentText);
                String node = nodeId(candidate);
                log.info("Search index in {} (processor search-{})", candidate.toAbsolutePath(), node);
                return new Copy(index, "search-" + node, candidate);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof LockObtainFailedException)) {
                    throw e;
                }
                log.info("Search index in {} is held by another process; trying the next copy", candidate.toAbsolutePath());
            }
        }
        throw new IllegalStateException("No free search index copy next to " + dir.toAbsolutePath() + " (" + MAX_COPIES + " are held)");
    }

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(Copy copy) {
        return copy.index();
    }

    /**
     * One segment and one thread: the index takes one writer, and a copy is fed by this process alone. Batches of
     * up to 100 events share one index commit.
     */
    @Bean
    ConfigurerModule searchProcessor(Copy copy) {
        String name = copy.processor();
        return configurer -> configurer.eventProcessing(processing -> processing
                .assignProcessingGroup(SearchProjection.GROUP, name)
                .registerTrackingEventProcessor(name)
                .registerTrackingEventProcessorConfiguration(name,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100)));
    }

    private static String nodeId(Path dir) {
        Path file = dir.resolve("node-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the search node id in " + file, e);
        }
    }
}
