package cz.souhra.infra.audit;

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

import cz.souhra.infra.audit.VerificationReport.Problem;
import cz.souhra.infra.audit.VerificationReport.RegionResult;

/**
 * Recomputes every region's chain from the event store and compares it with the ledger. Checks, per
 * position in order: the entry hashes to its own chain value and links to its predecessor (else the
 * ledger was altered), the event it names still exists (else deleted) and hashes as chained (else
 * edited, telling payload, metadata and timestamp apart, or moved to another sequence number: reordered). Then stored events the ledger never chained
 * but that are older than its head are reported as inserted, and attachments whose stored bytes no longer
 * hash as their chained event records ({@link AttachmentBytes}).
 */
@Component
public class LedgerVerifier {

    private final Ledger ledger;
    private final AttachmentBytes attachments;

    /** Verifies the chain only (no attachment bytes). */
    public LedgerVerifier(Ledger ledger) {
        this(ledger, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public LedgerVerifier(Ledger ledger, AttachmentBytes attachments) {
        this.ledger = ledger;
        this.attachments = attachments;
    }

    /** @param progress receives (entries hashed, entries in total) every 1000 entries, from any thread but never concurrently, and at the end */
    public VerificationReport verify(BiConsumer<Long, Long> progress) {
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

    /** The hashes of one entry and of the event it names, recomputed; nulls where the event is gone. */
    private record Check(String recomputedChain, String payloadHash, String metadataHash, String eventHash) {
        static Check of(LedgerEntry entry, StoredEvent event) {
            if (event == null) {
                return new Check(entry.recomputedChain(), null, null, null);
            }
            String payload = CanonicalForm.payloadHash(event);
            String metadata = CanonicalForm.metadataHash(event);
            return new Check(entry.recomputedChain(), payload, metadata, CanonicalForm.eventHash(event, payload, metadata));
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
