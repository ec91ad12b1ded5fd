package cz.souhra.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.springframework.stereotype.Component;

import cz.souhra.query.audit.VerificationReport.Problem;
import cz.souhra.query.audit.VerificationReport.RegionResult;

/**
 * Recomputes every region's chain from the event store and compares it with the ledger. Checks, per
 * position in order: the entry hashes to its own chain value and links to its predecessor (else the
 * ledger was altered), the event it names still exists (else deleted) and hashes as chained (else
 * edited, telling payload, metadata and timestamp apart, or moved to another sequence number: reordered). Then stored events the ledger never chained
 * but that are older than its head are reported as inserted, and attachments whose stored bytes no longer
 * hash as their chained event records ({@link AttachmentBytes}).
 *
 * <p>A chain that is consistent in itself may still have been recomputed after an edit. So every checkpoint
 * the store recorded ({@code LedgerCheckpointRecordedEvent}, the digest printed on minutes) and every head
 * of the head files written outside the store is compared with the chain at its position: the first that
 * disagrees is named ({@code CHECKPOINT_MISMATCH}, {@code ANCHOR_MISMATCH}), and one naming a position
 * beyond the chain's end means entries were cut off ({@code LEDGER_TRUNCATED}).
 */
@Component
public class LedgerVerifier {

    static final String CHECKPOINT_TYPE = "cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent";
    /** Checkpoint payloads are read strictly: exactly one JSON value (docs/ledger.md, "Checkpoints"). */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Ledger ledger;
    private final LedgerAnchors anchors;
    private final AttachmentBytes attachments;

    /** Verifies the chain and the checkpoints recorded in the store (no head files, no attachment bytes). */
    public LedgerVerifier(Ledger ledger) {
        this(ledger, null, null);
    }

    /** Also against the head files of {@code souhra.ledger.anchors.dir} (without attachment bytes). */
    public LedgerVerifier(Ledger ledger, LedgerAnchors anchors) {
        this(ledger, anchors, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public LedgerVerifier(Ledger ledger, LedgerAnchors anchors, AttachmentBytes attachments) {
        this.ledger = ledger;
        this.anchors = anchors;
        this.attachments = attachments;
    }

    /**
     * Verifies against the recorded checkpoints and the head files of {@code souhra.ledger.anchors.dir}.
     *
     * @param progress receives (entries hashed, entries in total) every 1000 entries, from any thread but never concurrently, and at the end
     */
    public VerificationReport verify(BiConsumer<Long, Long> progress) {
        try {
            return verify(progress, anchors == null ? List.of() : anchors.configuredHeads());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the ledger head files", e);
        }
    }

    /** Verifies against the recorded checkpoints and these heads (from head files, e.g. {@code --verify --anchors=DIR}). */
    public VerificationReport verify(BiConsumer<Long, Long> progress, List<HeadFile.Head> heads) {
        // The two scans are independent: the ledger is read on another thread while the events are read here.
        CompletableFuture<Map<String, List<LedgerEntry>>> chains = CompletableFuture.supplyAsync(ledger::entriesByRegion);
        Map<String, StoredEvent> stored = ledger.storedEvents();
        Map<String, List<LedgerEntry>> byRegion = new TreeMap<>(chains.join());
        ledger.regions().forEach(r -> byRegion.putIfAbsent(r, List.of()));
        long total = byRegion.values().stream().mapToLong(List::size).sum();
        // Every hash depends only on its own entry and event, so they are computed on all cores first; the
        // walk along each chain that follows only compares.
        AtomicLong hashed = new AtomicLong();
        Map<String, List<Check>> checks = new TreeMap<>();
        byRegion.forEach((region, entries) -> checks.put(region, entries.parallelStream().map(e -> {
            Check c = Check.of(e, stored.get(Ledger.key(e.aggregateId(), e.sequence())));
            long n = hashed.incrementAndGet();
            if (n % 1000 == 0) {
                synchronized (progress) {
                    progress.accept(n, total);
                }
            }
            return c;
        }).toList()));
        Set<String> chained = new HashSet<>();
        List<RegionResult> results = new ArrayList<>();
        byRegion.values().forEach(list -> list.forEach(x -> chained.add(Ledger.key(x.aggregateId(), x.sequence()))));
        for (var e : byRegion.entrySet()) {
            results.add(verifyRegion(e.getKey(), e.getValue(), stored, checks.get(e.getKey())));
        }
        checkpoints(byRegion, stored, results).forEach(r -> replaceIfEarlier(results, r));
        anchors(byRegion, heads).forEach(r -> replaceIfEarlier(results, r));
        List<StoredEvent> unchained = stored.values().stream().filter(s -> !chained.contains(Ledger.key(s.aggregateId(), s.sequence()))).toList();
        // Inserted: in the store, never chained, yet not newer than what the ledger already covers (newer
        // ones may simply not have reached the ledger processor yet). The newest chained time is only
        // needed when something is unchained (parsing every entry's time cost 8 % of a verification).
        Instant newestChained = unchained.isEmpty() ? Instant.EPOCH : byRegion.values().stream().flatMap(List::stream)
                .map(x -> Instant.parse(x.timestamp())).max(Instant::compareTo).orElse(Instant.EPOCH);
        for (StoredEvent s : unchained) {
            Instant t = Instant.parse(CanonicalForm.canonicalTimestamp(s.timestamp()));
            if (!t.isAfter(newestChained)) {
                String region = s.region();
                List<LedgerEntry> entries = byRegion.getOrDefault(region, List.of());
                long after = entries.stream().filter(x -> !Instant.parse(x.timestamp()).isAfter(t)).mapToLong(LedgerEntry::position).max().orElse(0);
                RegionResult inserted = new RegionResult(region, false, entries.size(), null, after + 1, Problem.EVENT_INSERTED,
                        "event " + s.eventId() + " (" + s.aggregateId() + "#" + s.sequence() + ") is in the store but was never chained; it would stand at position " + (after + 1));
                replaceIfEarlier(results, inserted);
            }
        }
        if (attachments != null) {
            attachments.check(stored, byRegion).forEach(r -> replaceIfEarlier(results, r));
        }
        progress.accept(total, total);
        boolean ok = results.stream().allMatch(RegionResult::ok);
        return new VerificationReport(ok, total, results);
    }

    /**
     * The hashes of one entry and of the event it names, recomputed under the entry's format; nulls where the
     * event is gone. {@code uncovered} says why a format-1 hash does not cover the stored payload or metadata.
     */
    private record Check(String recomputedChain, String payloadHash, String metadataHash, String eventHash,
                         String payloadUncovered, String metadataUncovered) {
        static Check of(LedgerEntry entry, StoredEvent event) {
            if (event == null) {
                return new Check(entry.recomputedChain(), null, null, null, null, null);
            }
            int format = entry.format();
            String payload = CanonicalForm.payloadHash(event, format);
            String metadata = CanonicalForm.metadataHash(event, format);
            boolean v1 = format == CanonicalForm.V1;
            return new Check(entry.recomputedChain(), payload, metadata, CanonicalForm.eventHash(event, payload, metadata, format),
                    v1 ? CanonicalForm.uncoveredByV1(event.payload()) : null, v1 ? CanonicalForm.uncoveredByV1(event.metadata()) : null);
        }
    }

    /**
     * Each checkpoint the store recorded and the ledger chained before its region's first break, compared
     * with the chain at the position it names. A checkpoint whose own entry is broken is not used: that
     * break is the finding.
     */
    private List<RegionResult> checkpoints(Map<String, List<LedgerEntry>> byRegion, Map<String, StoredEvent> stored, List<RegionResult> results) {
        Map<String, LedgerEntry> chainedById = new java.util.HashMap<>();
        byRegion.values().forEach(list -> list.forEach(x -> {
            if (x.eventId() != null) {
                chainedById.put(x.eventId(), x);
            }
        }));
        List<RegionResult> out = new ArrayList<>();
        for (StoredEvent s : stored.values()) {
            if (!CHECKPOINT_TYPE.equals(s.payloadType())) {
                continue;
            }
            LedgerEntry own = chainedById.get(s.eventId());
            if (own == null || !before(results, own)) {
                continue;
            }
            Checkpoint cp = Checkpoint.parse(s.payload());
            if (cp == null) {
                continue; // its payload hashes as chained, so it was recorded so; nothing to compare
            }
            List<LedgerEntry> entries = byRegion.getOrDefault(cp.region(), List.of());
            LedgerEntry at = at(entries, cp.position());
            String what = "the checkpoint of meeting " + cp.meetingId() + " (recorded at position " + own.position() + " of " + own.region() + ")";
            if (at == null) {
                long end = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
                out.add(new RegionResult(cp.region(), false, entries.size(), null, end + 1, Problem.LEDGER_TRUNCATED,
                        what + " names position " + cp.position() + ", but the chain ends at " + end));
            } else if (!at.chain().equals(cp.digest())) {
                out.add(new RegionResult(cp.region(), false, entries.size(), null, cp.position(), Problem.CHECKPOINT_MISMATCH,
                        what + " says " + cp.digest() + ", the chain there is " + at.chain() + ": the chain up to this position was rewritten"));
            }
        }
        return out;
    }

    /** The heads of the head files compared with the chain: a differing chain value, or a position the chain no longer reaches. */
    private static List<RegionResult> anchors(Map<String, List<LedgerEntry>> byRegion, List<HeadFile.Head> heads) {
        List<RegionResult> out = new ArrayList<>();
        for (HeadFile.Head h : heads) {
            List<LedgerEntry> entries = byRegion.getOrDefault(h.region(), List.of());
            LedgerEntry at = at(entries, h.position());
            if (at == null) {
                long end = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
                out.add(new RegionResult(h.region(), false, entries.size(), null, end + 1, Problem.LEDGER_TRUNCATED,
                        "head file " + h.file() + " names position " + h.position() + ", but the chain ends at " + end));
            } else if (!at.chain().equals(h.chain())) {
                out.add(new RegionResult(h.region(), false, entries.size(), null, h.position(), Problem.ANCHOR_MISMATCH,
                        "head file " + h.file() + " says " + h.chain() + ", the chain there is " + at.chain() + ": the chain up to this position was rewritten"));
            }
        }
        return out;
    }

    /** Whether this entry stands before its region's first broken position (the whole chain when unbroken). */
    private static boolean before(List<RegionResult> results, LedgerEntry entry) {
        return results.stream().filter(r -> r.region().equals(entry.region())).findFirst()
                .map(r -> r.ok() || r.firstBrokenPosition() == null || entry.position() < r.firstBrokenPosition()).orElse(true);
    }

    private static LedgerEntry at(List<LedgerEntry> entries, long position) {
        if (position >= 1 && position <= entries.size() && entries.get((int) position - 1).position() == position) {
            return entries.get((int) position - 1);
        }
        return entries.stream().filter(x -> x.position() == position).findFirst().orElse(null);
    }

    /** A recorded checkpoint: the chain value {@code digest} at {@code position} of {@code region}. */
    record Checkpoint(String meetingId, String region, long position, String digest) {
        /** From the stored payload of a LedgerCheckpointRecordedEvent; null when it has no such fields. */
        static Checkpoint parse(String payload) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = payload == null ? null : JSON.readTree(payload);
                if (n == null || !n.path("region").isTextual() || !n.path("position").isIntegralNumber() || !n.path("position").canConvertToLong() || !n.path("digest").isTextual()) {
                    return null;
                }
                return new Checkpoint(n.path("meetingId").asText(), n.get("region").textValue(), n.get("position").longValue(), n.get("digest").textValue());
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    private static void replaceIfEarlier(List<RegionResult> results, RegionResult candidate) {
        for (int i = 0; i < results.size(); i++) {
            RegionResult r = results.get(i);
            if (r.region().equals(candidate.region())) {
                if (r.ok() || r.firstBrokenPosition() == null || candidate.firstBrokenPosition() < r.firstBrokenPosition()) {
                    results.set(i, candidate);
                }
                return;
            }
        }
        results.add(candidate);
    }

    private RegionResult verifyRegion(String region, List<LedgerEntry> entries, Map<String, StoredEvent> stored, List<Check> checks) {
        String previous = CanonicalForm.GENESIS;
        long expectedPosition = 1;
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry entry = entries.get(i);
            Check check = checks.get(i);
            String key = Ledger.key(entry.aggregateId(), entry.sequence());
            if (entry.position() != expectedPosition) {
                return broken(region, entries, expectedPosition, Problem.LEDGER_GAP,
                        "expected position " + expectedPosition + " but found " + entry.position());
            }
            if (!entry.previousChain().equals(previous) || !check.recomputedChain().equals(entry.chain())) {
                return broken(region, entries, entry.position(), Problem.LEDGER_ENTRY_ALTERED,
                        "the ledger entry does not hash to its chain value or does not link to its predecessor");
            }
            StoredEvent event = stored.get(key);
            if (event == null) {
                return broken(region, entries, entry.position(), Problem.EVENT_MISSING,
                        "event " + entry.eventId() + " (" + key + ") is no longer in the event store");
            }
            if (entry.eventId() != null && !entry.eventId().equals(event.eventId())) {
                // Another event stands at this aggregate and sequence number. If the chained one is still in
                // the store under another sequence number, the two were swapped or moved: a reorder, not an edit.
                String movedTo = keyOfEvent(stored, entry.eventId());
                if (movedTo != null) {
                    return broken(region, entries, entry.position(), Problem.EVENT_REORDERED, "event " + entry.eventId() + " was chained as "
                            + key + " and now stands at " + movedTo + "; " + key + " holds event " + event.eventId());
                }
            }
            String payloadHash = check.payloadHash();
            String metadataHash = check.metadataHash();
            if (check.payloadUncovered() != null) {
                return broken(region, entries, entry.position(), Problem.EVENT_PAYLOAD_EDITED,
                        "event " + entry.eventId() + " (" + key + "): " + check.payloadUncovered());
            }
            if (check.metadataUncovered() != null) {
                return broken(region, entries, entry.position(), Problem.EVENT_METADATA_EDITED,
                        "event " + entry.eventId() + " (" + key + "): " + check.metadataUncovered());
            }
            if (!check.eventHash().equals(entry.eventHash())) {
                Problem kind;
                if (!payloadHash.equals(entry.payloadHash())) {
                    kind = Problem.EVENT_PAYLOAD_EDITED;
                } else if (!metadataHash.equals(entry.metadataHash())) {
                    kind = Problem.EVENT_METADATA_EDITED;
                } else if (!CanonicalForm.canonicalTimestamp(event.timestamp()).equals(entry.timestamp())) {
                    kind = Problem.EVENT_REORDERED;
                } else {
                    kind = Problem.EVENT_ALTERED;
                }
                return broken(region, entries, entry.position(), kind, "event " + entry.eventId() + " (" + key + ") no longer matches its ledger entry");
            }
            previous = entry.chain();
            expectedPosition++;
        }
        return new RegionResult(region, true, entries.size(), previous, null, null, null);
    }

    /** The store key under which the event with this id now stands, or null; only looked up once something is broken. */
    private static String keyOfEvent(Map<String, StoredEvent> stored, String eventId) {
        return stored.entrySet().stream().filter(e -> eventId.equals(e.getValue().eventId())).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static RegionResult broken(String region, List<LedgerEntry> entries, long position, Problem problem, String detail) {
        return new RegionResult(region, false, entries.size(), null, position, problem, detail);
    }
}
