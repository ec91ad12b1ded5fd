package cz.souhra.query.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import cz.souhra.query.common.MongoViews;
import cz.souhra.shared.MetaKeys;

import org.springframework.boot.autoconfigure.mongo.MongoProperties;

/**
 * The persisted, append-only, per-region chain over every stored event. Collections: {@code ledger}
 * (one document per event, _id = event id) and {@code ledger_heads} (the last entry of each region).
 *
 * <p>Appends go through a {@link Batch}, which writes entries before heads and knows how to continue
 * after a crash between the two. A redelivered event that is already chained changes nothing.
 */
@Component
public class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    static final String GLOBAL = "_global";
    private static final int DUPLICATE_KEY = 11000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> ledgerHeads;
    private final MongoCollection<Document> events;
    /** Whether stored events can be looked up by event id from a unique index (see the constructor). */
    private final boolean eventIdIndexed;

    @org.springframework.beans.factory.annotation.Autowired
    public Ledger(MongoClient client, MongoProperties properties) {
        this(client.getDatabase(properties.getMongoClientDatabase()));
    }

    /** A ledger over the given database, for tools that run without the application context. */
    public static Ledger over(MongoDatabase db) {
        return new Ledger(db);
    }

    Ledger(MongoDatabase db) {
        this.entries = db.getCollection("ledger");
        this.ledgerHeads = db.getCollection("ledger_heads");
        this.events = db.getCollection("domainevents");
        try {
            // One entry per position of a region: a fork cannot be stored, and the chain's end is found by
            // exact lookups on this index (the embedded store has no other kind).
            entries.createIndex(Indexes.ascending("region", "position"), new IndexOptions().unique(true).name("region_position"));
        } catch (MongoException e) {
            if (e.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            log.error("The ledger already holds two entries for one position; GET /api/audit/verify names the first: {}", e.getMessage());
        }
        this.eventIdIndexed = indexEventIds();
    }

    /**
     * A unique index on the stored events' ids, so that a batch reads the events it chains in one {@code $in}
     * query instead of one lookup per event: Axon's storage strategy indexes only (aggregate, sequence), and
     * the embedded store answers {@code $in} from a single-key unique index but scans every event for it on a
     * compound one. Without the index (ids stored twice, which Axon never writes) events are read one by one.
     */
    private boolean indexEventIds() {
        try {
            events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true).name("souhra_eventIdentifier"));
            return true;
        } catch (MongoException e) {
            if (e.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            log.error("Two stored events share an event id; the ledger reads events one by one: {}", e.getMessage());
            return false;
        }
    }

    static String regionOf(String metadataJson) {
        JsonNode meta = parse(metadataJson);
        JsonNode region = meta == null ? null : meta.get(MetaKeys.REGION);
        // Only a string names a region (docs/ledger.md, "Regions"): Souhra writes region codes as strings.
        return region == null || !region.isTextual() || region.textValue().isBlank() ? GLOBAL : region.textValue();
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /** Chains the stored event with this aggregate id and sequence; idempotent. */
    public synchronized LedgerEntry append(String aggregateId, long sequence) {
        Batch batch = batch();
        LedgerEntry entry = batch.append(aggregateId, sequence);
        batch.flush();
        return entry;
    }

    /** Appends held in memory until {@link Batch#flush()}: for one tracking batch of the ledger processor. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Appends of one tracking batch: the regions' heads are read once and kept here, the new entries and
     * heads are written together at the end, entries first. There are no transactions in the embedded
     * store, so a crash can leave entries written and their heads not; a batch therefore starts from the
     * chain's real end (see {@link #chainEnd}), a redelivered event that is already chained is answered
     * with its entry, and a new one chains after the end. An older layout wrote the head first: a head
     * naming an event without an entry gets that entry written. Not thread-safe: one processor thread owns
     * a batch.
     */
    public final class Batch {
        private final Map<String, Optional<LedgerEntry>> heads = new HashMap<>();
        private final Set<String> movedHeads = new LinkedHashSet<>();
        private final Map<String, LedgerEntry> pending = new LinkedHashMap<>();
        /** Stored entries of the events named to {@link #prefetch}, by event id; null when not chained. */
        private final Map<String, Document> prefetched = new HashMap<>();
        /** The stored events named to {@link #prefetch}, by event id. */
        private final Map<String, StoredEvent> prefetchedEvents = new HashMap<>();

        private Batch() {
        }

        /**
         * Reads the stored entries and the stored events of these events in one query each, for the appends
         * that follow: otherwise each append reads its event and asks whether it is already chained, two round
         * trips per event (the embedded store answers {@code $in} from the unique indexes on both ids). Only
         * entries that are already stored are found, so the answer stays right while this batch is the
         * chain's only writer (one segment).
         */
        public void prefetch(Collection<String> eventIds) {
            List<String> ids = eventIds.stream().filter(id -> !prefetched.containsKey(id)).distinct().toList();
            prefetched.putAll(MongoViews.byKey(entries, "_id", ids));
            if (eventIdIndexed) {
                MongoViews.byKey(events, "eventIdentifier", ids).forEach((id, d) -> {
                    if (d != null) {
                        prefetchedEvents.put(id, StoredEvent.of(d));
                    }
                });
            }
        }

        /** Chains the stored event with this id, read ahead by {@link #prefetch} or else by aggregate and sequence. */
        public LedgerEntry append(String eventId, String aggregateId, long sequence) {
            StoredEvent read = prefetchedEvents.get(eventId);
            return read != null && read.aggregateId().equals(aggregateId) && read.sequence() == sequence
                    ? append(read) : append(aggregateId, sequence);
        }

        public LedgerEntry append(String aggregateId, long sequence) {
            // A flat filter on exactly the keys of the unique (aggregate, sequence) index: the embedded store
            // answers it from the index, while the same condition written as $and scanned every stored event
            // (bench: 2.5 ms per ledger append at 4k events, growing with the store).
            Document raw = events.find(new Document("aggregateIdentifier", aggregateId).append("sequenceNumber", sequence)).first();
            if (raw == null) {
                throw new IllegalStateException("Event " + aggregateId + "#" + sequence + " is not in the event store");
            }
            return append(StoredEvent.of(raw));
        }

        LedgerEntry append(StoredEvent event) {
            LedgerEntry held = pending.get(event.eventId());
            if (held != null) {
                return held;
            }
            String region = event.region();
            Optional<LedgerEntry> head = heads.computeIfAbsent(region, this::chainEnd);
            Document existing = prefetched.containsKey(event.eventId())
                    ? prefetched.get(event.eventId())
                    : entries.find(Filters.eq("_id", event.eventId())).first();
            if (existing != null) {
                return LedgerEntry.of(existing); // chained before; the head already stands at or beyond it (chainEnd)
            }
            if (head.isPresent() && head.get().eventId().equals(event.eventId())) {
                pending.put(event.eventId(), head.get());
                return head.get();
            }
            long position = head.map(h -> h.position() + 1).orElse(1L);
            String previous = head.map(LedgerEntry::chain).orElse(CanonicalForm.GENESIS);
            // Each part hashed once: the event hash is made of the two part hashes the entry also keeps.
            int format = CanonicalForm.CURRENT;
            String payloadHash = CanonicalForm.payloadHash(event, format);
            String metadataHash = CanonicalForm.metadataHash(event, format);
            String eventHash = CanonicalForm.eventHash(event, payloadHash, metadataHash, format);
            JsonNode meta = parse(event.metadata());
            LedgerEntry entry = new LedgerEntry(region, position, event.aggregateType(), event.aggregateId(), event.sequence(),
                    event.eventId(), event.payloadType(), CanonicalForm.canonicalTimestamp(event.timestamp()),
                    payloadHash, metadataHash, eventHash, previous,
                    CanonicalForm.chain(previous, eventHash), text(meta, MetaKeys.USER), text(meta, MetaKeys.INSTITUTION),
                    text(meta, MetaKeys.EFFECTIVE_AT), format);
            pending.put(event.eventId(), entry);
            moveHead(region, entry);
            return entry;
        }

        /**
         * The region's stored head, moved on over any entries stored after it: a crash between a batch's
         * entries and its heads leaves the head behind the chain, and on redelivery the tracking stream may
         * bring an event that was never chained (stored late with an earlier timestamp) before the already
         * chained ones; numbered from the stale head it took a position that was taken (a fork).
         */
        private Optional<LedgerEntry> chainEnd(String region) {
            Optional<LedgerEntry> end = head(region);
            for (long next = end.map(h -> h.position() + 1).orElse(1L); ; next++) {
                Document after = entries.find(new Document("region", region).append("position", next)).first();
                if (after == null) {
                    return end;
                }
                end = Optional.of(LedgerEntry.of(after));
                movedHeads.add(region);
            }
        }

        private void moveHead(String region, LedgerEntry entry) {
            heads.put(region, Optional.of(entry));
            movedHeads.add(region);
        }

        /** Entries first, then heads (see the class comment); nothing to do when nothing was appended. */
        public void flush() {
            MongoViews.replaceAll(entries, pending.values().stream().map(LedgerEntry::toDocument).toList());
            pending.clear();
            MongoViews.replaceAll(ledgerHeads, movedHeads.stream().map(r -> heads.get(r).orElseThrow().toDocument().append("_id", r)).toList());
            movedHeads.clear();
        }
    }

    private static String text(JsonNode meta, String key) {
        JsonNode v = meta == null ? null : meta.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public Optional<LedgerEntry> head(String region) {
        Document d = ledgerHeads.find(Filters.eq("_id", region)).first();
        return Optional.ofNullable(d).map(LedgerEntry::of);
    }

    public List<String> regions() {
        List<String> out = new ArrayList<>();
        ledgerHeads.find().forEach(d -> out.add(d.getString("_id")));
        out.sort(HeadFile::byCodePoint); // the export's region order (docs/ledger.md)
        return out;
    }

    /** A region's entries in chain order (the store has no secondary indexes: one scan, sorted here). */
    public List<LedgerEntry> entries(String region) {
        List<LedgerEntry> out = new ArrayList<>();
        entries.find(Filters.eq("region", region)).forEach(d -> out.add(LedgerEntry.of(d)));
        out.sort(Comparator.comparingLong(LedgerEntry::position));
        return out;
    }

    /**
     * Every region's entries in chain order from one scan of the ledger: the store has no secondary
     * indexes, so reading region by region would scan the whole ledger once per region.
     */
    public Map<String, List<LedgerEntry>> entriesByRegion() {
        Map<String, List<LedgerEntry>> out = new java.util.TreeMap<>();
        entries.find().batchSize(10_000).forEach(d -> {
            LedgerEntry e = LedgerEntry.of(d);
            out.computeIfAbsent(e.region(), r -> new ArrayList<>()).add(e);
        });
        out.values().forEach(list -> list.sort(Comparator.comparingLong(LedgerEntry::position)));
        return out;
    }

    /** Every stored event, for verification and export, keyed by aggregate id and sequence. */
    Map<String, StoredEvent> storedEvents() {
        Map<String, StoredEvent> out = new java.util.HashMap<>();
        events.find().batchSize(10_000).forEach(d -> {
            StoredEvent e = StoredEvent.of(d);
            out.put(key(e.aggregateId(), e.sequence()), e);
        });
        return out;
    }

    /** The export of the given region (all when null), in chain order, with each event's stored text. */
    public java.util.stream.Stream<ExportLine> export(String region) {
        Map<String, StoredEvent> stored = storedEvents();
        List<String> rs = region == null ? regions() : List.of(region);
        return rs.stream().flatMap(r -> entries(r).stream()).map(e -> {
            StoredEvent s = stored.get(key(e.aggregateId(), e.sequence()));
            return new ExportLine(e.region(), e.position(), e.aggregateType(), e.aggregateId(), e.sequence(),
                    e.eventId(), e.payloadType(), s == null ? null : s.payloadRevision(),
                    s == null ? e.timestamp() : s.timestamp(), s == null ? null : s.payload(), s == null ? null : s.metadata(),
                    e.payloadHash(), e.metadataHash(), e.eventHash(), e.previousChain(), e.chain(), e.format());
        });
    }

    static String key(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }
}
