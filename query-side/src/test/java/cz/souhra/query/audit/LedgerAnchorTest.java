package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;

import cz.souhra.query.audit.VerificationReport.Problem;

/**
 * A chain that is consistent in itself proves nothing once someone with store access recomputed it after an
 * edit (issue #34: one progress report edited, the entries after it recomputed from docs/ledger.md, and
 * verify said OK). Recorded checkpoints and the head files written outside the store must catch it at the
 * first checkpoint or head after the edit, and a cut-off tail must be named.
 */
class LedgerAnchorTest {

    private LedgerFixture f;

    @TempDir
    Path dir;

    /** Positions 1–3 progress, 4 the checkpoint of 3, 5–7 progress, 8 the checkpoint of 7, 9–10 progress. */
    @BeforeEach
    void chainWithTwoCheckpoints() {
        f = new LedgerFixture();
        f.progress(1);
        f.progress(2);
        f.progress(3);
        assertThat(f.checkpoint(3)).isEqualTo(4);
        f.progress(1);
        f.progress(6);
        f.progress(7);
        assertThat(f.checkpoint(7)).isEqualTo(8);
        f.progress(9);
        assertThat(f.progress(10)).isEqualTo(10);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void given_untouched_store_with_checkpoints_and_head_file_when_verified_then_ok() throws Exception {
        new LedgerAnchors(f.ledger, dir, Clock.systemUTC()).writeNow();
        VerificationReport.RegionResult r = f.verify(HeadFile.read(dir));
        assertThat(r.ok()).as(String.valueOf(r.detail())).isTrue();
        assertThat(r.headDigest()).isEqualTo(f.ledger.head(LedgerFixture.REGION).orElseThrow().chain());
    }

    @Test
    void given_payload_edited_and_chain_recomputed_when_verified_then_the_first_checkpoint_after_the_edit_is_named() {
        f.editPayload(5, "\"percent\":1}", "\"percent\":99}");
        f.recomputeFrom(5);
        VerificationReport.RegionResult r = f.verify(List.of());
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
        assertThat(r.firstBrokenPosition()).isEqualTo(7L); // the checkpoint of 3 still agrees; the one of 7 does not
        assertThat(r.detail()).contains("recorded at position 8").contains("rewritten");
    }

    @Test
    void given_the_same_rewrite_without_recomputing_when_verified_then_the_edit_itself_is_named() {
        f.editPayload(5, "\"percent\":1}", "\"percent\":99}");
        VerificationReport.RegionResult r = f.verify(List.of());
        assertThat(r.problem()).isEqualTo(Problem.EVENT_PAYLOAD_EDITED);
        assertThat(r.firstBrokenPosition()).isEqualTo(5L);
    }

    @Test
    void given_rewrite_after_the_last_checkpoint_when_verified_against_the_head_file_then_the_head_is_named() throws Exception {
        new LedgerAnchors(f.ledger, dir, Clock.systemUTC()).writeNow();
        f.editPayload(9, "\"percent\":9}", "\"percent\":90}");
        f.recomputeFrom(9);
        assertThat(f.verify(List.of()).ok()).as("no recorded checkpoint covers position 9: the store alone cannot tell").isTrue();
        VerificationReport.RegionResult r = f.verify(HeadFile.read(dir));
        assertThat(r.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
        assertThat(r.firstBrokenPosition()).isEqualTo(10L);
        assertThat(r.detail()).contains("ledger-heads-");
    }

    @Test
    void given_anchors_directory_configured_when_verified_as_the_endpoint_does_then_its_head_files_are_used() {
        LedgerAnchors anchors = new LedgerAnchors(f.ledger, dir, Clock.systemUTC());
        anchors.writeNow();
        f.editPayload(9, "\"percent\":9}", "\"percent\":90}");
        f.recomputeFrom(9);
        VerificationReport report = new LedgerVerifier(f.ledger, anchors).verify((d, t) -> { });
        assertThat(report.ok()).isFalse();
        assertThat(report.regions()).singleElement().satisfies(r -> {
            assertThat(r.problem()).isEqualTo(Problem.ANCHOR_MISMATCH);
            assertThat(r.firstBrokenPosition()).isEqualTo(10L);
        });
    }

    @Test
    void given_tail_cut_off_when_verified_against_the_head_file_then_truncation_is_named_at_the_first_missing_position() throws Exception {
        new LedgerAnchors(f.ledger, dir, Clock.systemUTC()).writeNow();
        f.truncateAfter(8);
        assertThat(f.verify(List.of()).ok()).isTrue();
        VerificationReport.RegionResult r = f.verify(HeadFile.read(dir));
        assertThat(r.problem()).isEqualTo(Problem.LEDGER_TRUNCATED);
        assertThat(r.firstBrokenPosition()).isEqualTo(9L);
    }

    @Test
    void given_heads_written_twice_a_day_and_on_the_next_day_when_read_then_one_file_a_day_holding_the_days_last_heads() throws Exception {
        Instant morning = Instant.parse("2026-03-01T08:00:00Z");
        Path first = new LedgerAnchors(f.ledger, dir, Clock.fixed(morning, ZoneOffset.UTC)).writeNow().orElseThrow();
        f.progress(11);
        Path again = new LedgerAnchors(f.ledger, dir, Clock.fixed(morning.plusSeconds(3600), ZoneOffset.UTC)).writeNow().orElseThrow();
        new LedgerAnchors(f.ledger, dir, Clock.fixed(morning.plusSeconds(86_400), ZoneOffset.UTC)).writeNow();
        assertThat(again).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("ledger-heads-2026-03-01.json", "ledger-heads-2026-03-02.json");
        }
        String text = Files.readString(first);
        assertThat(text).endsWith("}\n").doesNotStartWith("\uFEFF");
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(root.get("format").asText()).isEqualTo("souhra-ledger-heads-v1");
        assertThat(root.get("writtenAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(root.get("heads").get(0).get("position").asLong()).isEqualTo(11);
        assertThat(HeadFile.read(dir)).hasSize(2).allSatisfy(h -> assertThat(h.chain()).isEqualTo(f.ledger.head(LedgerFixture.REGION).orElseThrow().chain()));
    }

    @Test
    void given_a_head_file_of_another_format_when_read_then_refused_naming_the_file() throws Exception {
        Files.writeString(dir.resolve("ledger-heads-2026-03-01.json"), "{\"heads\":[]}\n");
        assertThatThrownBy(() -> HeadFile.read(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger-heads-2026-03-01.json");
    }

    @Test
    void given_no_directory_configured_when_heads_are_due_then_nothing_is_written() {
        assertThat(new LedgerAnchors(f.ledger, "").writeNow()).isEmpty();
    }

    @Test
    void given_entries_chained_in_format_1_before_format_2_when_verified_then_both_verify_and_format_1_text_after_the_json_is_refused() {
        try (LedgerFixture old = new LedgerFixture()) {
            old.progress(1);
            old.progress(2);
            old.progress(3);
            // As the ledger chained them before format 2: no format field, hashes of format 1.
            old.entries.updateMany(Filters.exists("format"), new Document("$unset", new Document("format", "")));
            old.recomputeFrom(1);
            old.checkpoint(3);
            old.progress(5);
            assertThat(old.ledger.entries(LedgerFixture.REGION).stream().map(LedgerEntry::format).toList()).containsExactly(1, 1, 1, 2, 2);
            assertThat(old.verify(List.of()).ok()).isTrue();

            old.editPayload(2, "\"percent\":2}", "\"percent\":2} forged note");
            VerificationReport.RegionResult forged = old.verify(List.of());
            assertThat(forged.problem()).isEqualTo(Problem.EVENT_PAYLOAD_EDITED);
            assertThat(forged.firstBrokenPosition()).isEqualTo(2L);
            assertThat(forged.detail()).contains("format-1 hash does not cover");
        }
    }

    @Test
    void given_format_2_entry_when_its_payload_gets_text_after_the_json_then_payload_edit_reported() {
        f.editPayload(2, "\"percent\":2}", "\"percent\":2} forged note");
        VerificationReport.RegionResult r = f.verify(List.of());
        assertThat(r.problem()).isEqualTo(Problem.EVENT_PAYLOAD_EDITED);
        assertThat(r.firstBrokenPosition()).isEqualTo(2L);
    }
}
