package cz.souhra.query.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.Views;
import cz.souhra.query.issue.IssueFold;
import cz.souhra.query.measure.MeasureFold;
import cz.souhra.query.meeting.MeetingFold;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;
import cz.souhra.shared.events.attachment.AttachmentEvent;
import cz.souhra.shared.events.attachment.AttachmentRemovedEvent;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.model.AttachedTo;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;

/**
 * The Lucene index and its fold. For every issue, measure and meeting it keeps one state document (the
 * register's own fold of that record's events, with the sequence of the last event applied) and the searchable
 * entries derived from that state ({@link SearchDocs}). An event at or below the stored sequence changes
 * nothing, so a redelivered batch is harmless; since a record's events arrive in order and the entries depend on
 * nothing but the record's own state, the index built live equals one built from the events in one pass
 * ({@link #digest}). An attachment is the one entry that also depends on another record, its parent (who reads
 * it): it is derived when the attachment is folded and again after each change of the parent, in the one order
 * of the event stream, which a rebuild follows too. Its text is read once, when its addition is folded
 * ({@link AttachmentText}), outside any command.
 *
 * <p>Writes become durable with {@link #commit}, which the processor calls at the end of each batch, before it
 * stores its token: after a crash the index holds at least what the token says, and the rest is redelivered.
 */
public final class SearchIndex implements Closeable {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String AGGREGATE = "aggregate";
    static final String SEQ = "seq";
    static final String STATE = "state";
    static final String KIND = "kind";
    static final String TITLE = "title";
    static final String TEXT = "text";
    static final String RECORD = "record";
    static final String REGION = "region";
    static final String BODY = "body";
    static final String CATEGORY = "category";
    static final String STATUS = "status";
    static final String DATE = "date";
    static final String ACCESS = "access";
    static final String RECORD_KIND = "recordKind";
    /** On an attachment's state: the record it belongs to, whose changes of readers it follows. */
    static final String PARENT = "parent";
    private static final String ENTRY = "entry";
    /** The facet dimensions, in the order a results page shows them. */
    public static final List<String> FACETS = List.of(KIND, BODY, REGION, CATEGORY, STATUS);
    /** Best match first; among equal scores by id, so that pages do not shift between two identical searches. */
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));

    private final Directory directory;
    private final SearchAnalyzer analyzer = new SearchAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facets = new FacetsConfig();
    /**
     * The states written lately, newest kept: a batch reads back what it wrote before its commit, and a record's
     * next event finds its state without a search and a JSON parse (the fold's largest cost when indexing a store).
     * Every state here is also in the writer, so it holds nothing the index would not.
     */
    private final Map<String, Document> pending = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
            return size() > STATE_CACHE;
        }
    };
    private static final int STATE_CACHE = 20_000;
    private volatile FacetState facetState;
    private boolean dirty;
    private final AttachmentText attachmentTexts;
    /** Attachments folded since the last commit, by parent: the searcher finds the committed ones only. */
    private final Map<String, Set<String>> uncommittedAttachments = new HashMap<>();

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private SearchIndex(Directory directory, AttachmentText attachmentTexts) {
        this.directory = directory;
        this.attachmentTexts = attachmentTexts;
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + directory, e);
        }
    }

    /** The index in {@code dir}, created if absent, attachments by their names only. */
    public static SearchIndex open(Path dir) {
        return open(dir, AttachmentText.NAMES_ONLY);
    }

    /** The index in {@code dir}, created if absent. Lucene's write lock keeps a second process out of it. */
    public static SearchIndex open(Path dir, AttachmentText attachmentTexts) {
        try {
            return new SearchIndex(FSDirectory.open(dir), attachmentTexts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir, e);
        }
    }

    /** An index in memory, for tests and benchmarks. */
    public static SearchIndex inMemory() {
        return inMemory(AttachmentText.NAMES_ONLY);
    }

    /** An index in memory that reads attachments' texts from {@code attachmentTexts}. */
    public static SearchIndex inMemory(AttachmentText attachmentTexts) {
        return new SearchIndex(new ByteBuffersDirectory(), attachmentTexts);
    }

    /** Folds one event into the index; events of other aggregates than issues, measures, meetings and attachments are skipped. */
    public synchronized void apply(Object event, EventMeta meta) {
        String aggregate = meta.aggregateId();
        if (aggregate == null) {
            return;
        }
        String stateKind = IssueFold.isIssueEvent(event) ? "issue" : MeasureFold.handles(event) ? "measure"
                : MeetingFold.isMeetingEvent(event) ? "meeting" : event instanceof AttachmentEvent ? ATTACHMENT_STATE : null;
        if (stateKind == null) {
            return;
        }
        Stored before = stored(aggregate);
        if (before != null && before.seq >= meta.sequence()) {
            return;
        }
        Document state = before == null ? null : before.state;
        Document next = switch (stateKind) {
            case "issue" -> IssueFold.apply(state, event, meta);
            case "measure" -> measure(state, event, meta);
            case ATTACHMENT_STATE -> attachment(state, event, meta);
            default -> MeetingFold.apply(id -> state, event, meta).get(aggregate);
        };
        if (next == null || next == state) {
            return;
        }
        List<SearchDocs.Entry> entries = stateKind.equals(ATTACHMENT_STATE) ? attachmentEntries(next) : entries(stateKind, next);
        try {
            if (before != null) {
                writer.deleteDocuments(new Term(AGGREGATE, aggregate));
            }
            org.apache.lucene.document.Document stateDoc = stateDocument(aggregate, stateKind, meta.sequence(), next);
            if (stateKind.equals(ATTACHMENT_STATE)) {
                stateDoc.add(new StringField(PARENT, next.getString(PARENT), Field.Store.YES));
            }
            writer.addDocument(stateDoc);
            for (SearchDocs.Entry e : entries) {
                writer.addDocument(facets.build(entryDocument(aggregate, e)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the search index", e);
        }
        pending.put(aggregate, new Document("kind", stateKind).append(SEQ, meta.sequence()).append(STATE, next));
        dirty = true;
        if (stateKind.equals(ATTACHMENT_STATE)) {
            uncommittedAttachments.computeIfAbsent(next.getString(PARENT), p -> new TreeSet<>()).add(aggregate);
        } else {
            followParent(aggregate, next);
        }
    }

    private static final String ATTACHMENT_STATE = "attachment";

    /**
     * An attachment's state: its parent, name, type and text (read once, when its addition is folded); a removal
     * keeps the state, marked, without text. A removed attachment has no entry.
     */
    private Document attachment(Document state, Object event, EventMeta meta) {
        if (event instanceof AttachmentAddedEvent e) {
            String parentKind = switch (e.attachedTo()) {
                case ISSUE -> "issue";
                case MEASURE -> "measure";
                default -> "meeting";
            };
            String parent = e.attachedTo() == AttachedTo.AGENDA_ITEM ? e.meetingId() : e.parentId();
            return new Document("attachmentId", e.attachmentId().value()).append(PARENT, parent).append("parentKind", parentKind)
                    .append("name", e.name()).append("mediaType", e.mediaType()).append("region", e.region().value())
                    .append("addedOn", meta.recordedAt().toString().substring(0, 10)).append("text", attachmentTexts.of(e)).append("removed", false);
        }
        if (event instanceof AttachmentRemovedEvent && state != null) {
            return new Document(state).append("text", "").append("removed", true);
        }
        return null;
    }

    /** The text this index read from an attachment's file; empty when it has none, or was removed, or is unknown here. */
    public synchronized String attachmentText(String attachmentId) {
        Stored attachment = stored(attachmentId);
        return attachment == null || attachment.state.getString("text") == null ? "" : attachment.state.getString("text");
    }

    private List<SearchDocs.Entry> attachmentEntries(Document attachment) {
        if (Boolean.TRUE.equals(attachment.getBoolean("removed"))) {
            return List.of();
        }
        Stored parent = stored(attachment.getString(PARENT));
        return SearchDocs.ofAttachment(attachment, parent == null ? null : parent.state);
    }

    /** A record's attachments are read by who reads it: when its readers or body change, their entries follow. */
    private void followParent(String parent, Document parentState) {
        Set<String> children = new TreeSet<>(uncommittedAttachments.getOrDefault(parent, Set.of()));
        try {
            IndexSearcher s = searchers.acquire();
            try {
                // counted first: asking for "all" hits would size the collector's queue by the whole index, on every event
                Query ofParent = new TermQuery(new Term(PARENT, parent));
                int count = s.count(ofParent);
                if (count > 0) {
                    StoredFields stored = s.storedFields();
                    for (ScoreDoc d : s.search(ofParent, count).scoreDocs) {
                        children.add(stored.document(d.doc).get(AGGREGATE));
                    }
                }
            } finally {
                searchers.release(s);
            }
            for (String child : children) {
                Stored attachment = stored(child);
                if (attachment == null || Boolean.TRUE.equals(attachment.state.getBoolean("removed"))) {
                    continue;
                }
                writer.deleteDocuments(new Term(ID, "attachment:" + child));
                for (SearchDocs.Entry e : SearchDocs.ofAttachment(attachment.state, parentState)) {
                    writer.addDocument(facets.build(entryDocument(child, e)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the search index", e);
        }
    }

    private static Document measure(Document state, Object event, EventMeta meta) {
        MeasureView before = state == null ? null : Views.fromDocument(state.get("view", Document.class), MeasureView.class);
        MeasureView after = MeasureFold.apply(before, event, meta);
        if (after == null) {
            return null;
        }
        List<String> notes = new ArrayList<>(state == null ? List.of() : state.getList("notes", String.class, List.of()));
        String note = event instanceof ProgressReportedEvent e ? e.note() : event instanceof MeasureCompletedEvent e ? e.note()
                : event instanceof CompletionVerifiedEvent e ? e.note() : null;
        if (note != null && !note.isBlank()) {
            notes.add(note);
        }
        return new Document("view", new Document(Views.toMap(after))).append("notes", notes);
    }

    private static List<SearchDocs.Entry> entries(String stateKind, Document state) {
        return switch (stateKind) {
            case "issue" -> SearchDocs.ofIssue(state);
            case "measure" -> SearchDocs.ofMeasure(state);
            default -> SearchDocs.ofMeeting(state);
        };
    }

    private record Stored(long seq, Document state) {
    }

    private Stored stored(String aggregate) {
        Document p = pending.get(aggregate);
        if (p != null) {
            return new Stored(((Number) p.get(SEQ)).longValue(), p.get(STATE, Document.class));
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(new TermQuery(new Term(ID, "state:" + aggregate)), 1);
                if (top.scoreDocs.length == 0) {
                    return null;
                }
                org.apache.lucene.document.Document d = s.storedFields().document(top.scoreDocs[0].doc);
                return new Stored(d.getField(SEQ).numericValue().longValue(), Document.parse(d.get(STATE)));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index", e);
        }
    }

    private static org.apache.lucene.document.Document stateDocument(String aggregate, String kind, long seq, Document state) {
        org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
        d.add(new StringField(ID, "state:" + aggregate, Field.Store.YES));
        d.add(new SortedDocValuesField(ID, new BytesRef("state:" + aggregate)));
        d.add(new StringField(TYPE, STATE, Field.Store.NO));
        d.add(new StringField(AGGREGATE, aggregate, Field.Store.YES));
        d.add(new StoredField("stateKind", kind));
        d.add(new StoredField(SEQ, seq));
        d.add(new StoredField(STATE, state.toJson()));
        return d;
    }

    private static org.apache.lucene.document.Document entryDocument(String aggregate, SearchDocs.Entry e) {
        org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
        d.add(new StringField(ID, e.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(ID, new BytesRef(e.id())));
        d.add(new StringField(TYPE, ENTRY, Field.Store.NO));
        d.add(new StringField(AGGREGATE, aggregate, Field.Store.YES));
        d.add(new StoredField(RECORD, e.recordId()));
        d.add(new StoredField(RECORD_KIND, e.recordKind()));
        if (e.title() != null) {
            d.add(new Field(TITLE, e.title(), WORDS));
            if (e.kind() == SearchKind.ATTACHMENT) {
                // a file name is one token to the tokenizer ("Zpráva.pdf", "zapis_2026-03"): its words are indexed apart
                d.add(new Field(TITLE, e.title().replaceAll("[\\p{Punct}\\s]+", " "), WORDS_UNSTORED));
            }
        }
        d.add(new Field(TEXT, e.text() == null ? "" : e.text(), WORDS));
        keyword(d, KIND, e.kind().name());
        keyword(d, REGION, e.region());
        keyword(d, BODY, e.body());
        keyword(d, CATEGORY, e.category());
        keyword(d, STATUS, e.status());
        if (e.date() != null) {
            d.add(new StoredField(DATE, e.date()));
        }
        for (String a : new TreeSet<>(e.access())) {
            d.add(new StringField(ACCESS, a, Field.Store.YES));
        }
        return d;
    }

    /** Analysed, stored, with offsets in the postings: the highlighter reads them instead of analysing the text again. */
    private static final org.apache.lucene.document.FieldType WORDS = new org.apache.lucene.document.FieldType(TextField.TYPE_STORED);

    /** The same, not stored: another form of a stored value. */
    private static final org.apache.lucene.document.FieldType WORDS_UNSTORED = new org.apache.lucene.document.FieldType(TextField.TYPE_NOT_STORED);

    static {
        WORDS.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WORDS.freeze();
        WORDS_UNSTORED.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WORDS_UNSTORED.freeze();
    }

    private static void keyword(org.apache.lucene.document.Document d, String field, String value) {
        if (value != null) {
            d.add(new StringField(field, value, Field.Store.YES));
            d.add(new SortedSetDocValuesFacetField(field, value));
        }
    }

    /** Makes the writes so far durable and visible to searches. */
    public synchronized void commit() {
        if (!dirty) {
            return;
        }
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the search index", e);
        }
        uncommittedAttachments.clear();
        dirty = false;
    }

    /** Empties the index, for a replay from the first event. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            pending.clear();
            uncommittedAttachments.clear();
            dirty = true;
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the search index", e);
        }
    }

    /** What {@code viewer} may read of the entries matching the request; an empty query finds nothing. */
    public SearchResult search(SearchRequest r, Viewer viewer) {
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(TITLE, 2f, TEXT, 1f));
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query words = parser.parse(r.q());
        if (words == null) {
            return new SearchResult(r.q(), 0, r.page(), r.size(), List.of(), Map.of());
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(TYPE, ENTRY)), BooleanClause.Occur.FILTER);
        if (!viewer.all()) {
            b.add(new TermInSetQuery(ACCESS, accessTerms(viewer)), BooleanClause.Occur.FILTER);
        }
        filter(b, KIND, r.kind() == null ? null : r.kind().name());
        filter(b, BODY, r.bodyId());
        filter(b, REGION, r.region());
        filter(b, CATEGORY, r.category());
        filter(b, STATUS, r.status());
        Query query = b.build();
        int depth = Math.min(SearchRequest.MAX_DEPTH, (r.page() + 1) * r.size());
        try {
            IndexSearcher s = searchers.acquire();
            try {
                // One scored pass collects the page, the exact total and the facets: a ranked pass that skips what cannot
                // reach the page plus an unscored pass for the total and facets takes 1.12-1.22x as long (SearchBench).
                FacetsCollectorManager.FacetsResult found = FacetsCollectorManager.search(s, query, Math.max(1, depth), ORDER,
                        new FacetsCollectorManager());
                TopFieldDocs top = (TopFieldDocs) found.topDocs();
                int from = Math.min(r.page() * r.size(), top.scoreDocs.length);
                ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, from + r.size()));
                List<SearchResult.Hit> hits = hits(s, words, top, pageDocs);
                return new SearchResult(r.q(), top.totalHits.value, r.page(), r.size(), hits, facetCounts(s, found.facetsCollector()));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the index", e);
        }
    }

    /** The same query as {@link #search} (words, rights, order, the first 20 with their stored fields) without snippets and facets: the bare Lucene cost, for the benchmark. */
    public long countBare(String q, Viewer viewer) {
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(TITLE, 2f, TEXT, 1f));
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query words = parser.parse(q);
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(TYPE, ENTRY)), BooleanClause.Occur.FILTER);
        if (!viewer.all()) {
            b.add(new TermInSetQuery(ACCESS, accessTerms(viewer)), BooleanClause.Occur.FILTER);
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(b.build(), 20, ORDER);
                StoredFields stored = s.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    stored.document(d.doc);
                }
                return top.totalHits.value;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the index", e);
        }
    }

    private static List<BytesRef> accessTerms(Viewer viewer) {
        List<BytesRef> terms = new ArrayList<>();
        if (viewer.institution() != null) {
            terms.add(new BytesRef(SearchDocs.institutionTerm(viewer.institution())));
        }
        viewer.bodies().forEach(body -> terms.add(new BytesRef(SearchDocs.bodyTerm(body))));
        viewer.regions().forEach(region -> terms.add(new BytesRef(SearchDocs.regionTerm(region))));
        return terms;
    }

    private static void filter(BooleanQuery.Builder b, String field, String value) {
        if (value != null) {
            b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    private List<SearchResult.Hit> hits(IndexSearcher s, Query words, TopFieldDocs top, ScoreDoc[] pageDocs) throws IOException {
        if (pageDocs.length == 0) {
            return List.of();
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(s, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(20_000).build();
        TopDocs page = new TopDocs(top.totalHits, pageDocs);
        String[] snippets = highlighter.highlight(TEXT, words, page, 2);
        StoredFields stored = s.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < pageDocs.length; i++) {
            org.apache.lucene.document.Document d = stored.document(pageDocs[i].doc);
            hits.add(new SearchResult.Hit(SearchKind.valueOf(d.get(KIND)), d.get(RECORD), d.get(TITLE), snippets[i], d.get(REGION), d.get(BODY),
                    d.get(CATEGORY), d.get(STATUS), d.get(DATE), d.get(RECORD_KIND)));
        }
        return hits;
    }

    private Map<String, List<SearchResult.FacetCount>> facetCounts(IndexSearcher s, FacetsCollector collected) throws IOException {
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        if (collected.getMatchingDocs().stream().allMatch(m -> m.totalHits == 0)) {
            return out;
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(facetState(s.getIndexReader()), collected);
        for (String dim : FACETS) {
            FacetResult result;
            try {
                result = counts.getTopChildren(50, dim);
            } catch (IllegalArgumentException noSuchDimension) {
                continue; // no entry in the index has this dimension yet
            }
            if (result != null) {
                List<SearchResult.FacetCount> values = new ArrayList<>();
                for (LabelAndValue lv : result.labelValues) {
                    values.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
                }
                out.put(dim, values);
            }
        }
        return out;
    }

    /** The facets' ordinal map, built once per reader the searcher manager opens (a refresh after a batch). */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current == null || current.reader != reader) {
            current = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, facets));
            facetState = current;
        }
        return current.state;
    }

    /**
     * SHA-256 over every document's stored fields, in id order: equal for two indexes that hold the same
     * states and entries, however the events were batched or redelivered.
     */
    public String digest() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TreeMap<String, String> docs = new TreeMap<>();
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    StoredFields stored = leaf.reader().storedFields();
                    var live = leaf.reader().getLiveDocs();
                    for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                        if (live != null && !live.get(i)) {
                            continue;
                        }
                        org.apache.lucene.document.Document d = stored.document(i);
                        List<String> fields = new ArrayList<>();
                        for (IndexableField f : d.getFields()) {
                            fields.add(f.name() + "=" + (f.numericValue() != null ? f.numericValue() : f.stringValue()));
                        }
                        fields.sort(null);
                        docs.put(d.get(ID), String.join("\u0001", fields));
                    }
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                docs.forEach((id, fields) -> sha.update((fields + "\n").getBytes(StandardCharsets.UTF_8)));
                return HexFormat.of().formatHex(sha.digest()) + "/" + docs.size();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the search index", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Documents in the index (states and entries), for the health of a rebuild. */
    public int documents() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            commit();
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the search index", e);
        }
    }
}
