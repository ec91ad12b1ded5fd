package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.search.SearchIndex;
import cz.souhra.query.search.SearchRequest;
import cz.souhra.query.search.SearchService;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.Region;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;
import cz.souhra.shared.queries.Viewer;

/**
 * Search at a large store: {@code --events=N} (default 200,000) events of issues, measures with progress notes
 * and meetings with agenda items, discussions, resolutions and minutes in the 14 regions, in Czech, folded into
 * an index on disk by the fold the tracking processor uses (committed every 100 events, its batch size). Then
 * the p50/p95 of a search as {@code GET /api/search} makes it (parameters checked, rights filter, facets,
 * highlighted snippets) against the same Lucene query alone (parsed words and rights filter, top 20 with their
 * stored fields), alternated in the same run, for a member of one region and for an administrator.
 * The HTTP and authentication around it are the same as for any read (the {@code floor} row).
 */
final class SearchBench {
    private SearchBench() {}

    static final String[] WORDS = ("ubytovna ubytovny ubytovnách ubytoven agentura agentury agentur agenturní agenturních pracovník pracovníci "
            + "pracovníků kontrola kontroly kontrol kontrolách hluk hluku stížnost stížnosti sousedé sousedů noční klid klidu policie policejní "
            + "hlídka hlídky škola školy školách žák žáci žáků tlumočník tlumočníka cizinec cizinci cizinců nájem nájemní smlouva smlouvy "
            + "úřad práce krajský úřad obec obce obecní zastupitelstvo město města městě zóna zóny průmyslová průmyslové zaměstnavatel "
            + "zaměstnavatelé mzda mzdy přesčas přesčasy doprava autobus autobusy směna směny bezpečnost bezpečnosti odpad odpadu "
            + "parkování parkoviště dětské hřiště komunitní centrum terénní pracovník sociální služba služby poradna poradny byt byty "
            + "bydlení kapacita kapacity hygiena hygienická stanice požární ochrana inspekce inspektorát majitel majitele provozovatel")
            .split(" ");
    static final String[] PLACES = {"Doubí", "Vratislavice", "Ruprechtice", "Žatec", "Chomutov", "Most", "Kladno", "Mladá Boleslav", "Plzeň",
            "Pardubice", "Jihlava", "Zlín", "Ostrava", "Olomouc", "Brno", "Teplice", "Děčín", "Jablonec", "Turnov", "Česká Lípa"};
    static final List<String> QUERIES = List.of("ubytovna", "agenturní pracovníci", "\"noční klid\"", "kontrol*", "doubi", "bezpečnost školy",
            "policie hlídky", "zamestnavatel mzdy", "komunitní centrum", "hygien*", "majitel ubytovny", "odpad");

    static void run(String[] args) throws Exception {
        int events = Bench.option(args, "events", 200_000);
        int queries = Bench.option(args, "queries", 2_000);
        // 100: the processor's batch, one index commit each; a larger figure builds the same index faster
        int commitEvery = Bench.option(args, "commit-every", 100);
        Path dir = Files.createTempDirectory("souhra-search-bench");
        Random random = new Random(33);
        Set<String> memberBodies;
        long folded;
        long started = System.nanoTime();
        try (SearchIndex index = SearchIndex.open(dir)) {
            Generator g = new Generator(random, commitEvery);
            folded = g.fill(index, events);
            memberBodies = Set.copyOf(g.bodiesOf(Region.LBK.name()));
            index.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("search index: %,d events folded in %.1f s (%,.0f events/s, a commit every %,d), %,d documents, %,d MiB on disk%n", folded,
                    seconds, folded / seconds, commitEvery, index.documents(), size(dir) >> 20);
        }
        try (SearchIndex index = SearchIndex.open(dir)) {
            Viewer member = new Viewer(false, "UPLB", memberBodies, Set.of(Region.LBK.name()));
            for (Viewer viewer : List.of(member, Viewer.EVERYTHING)) {
                String who = viewer.all() ? "administrator (all regions)" : "member of one region";
                // warm-up: the JIT and the page cache
                measure(index, viewer, 300);
                long[][] t = measure(index, viewer, queries);
                double searchP50 = pct(t[0], 50), searchP95 = pct(t[0], 95), bareP50 = pct(t[1], 50), bareP95 = pct(t[1], 95);
                System.out.printf("| search p50 / p95, %s, %,d events | %.2f / %.2f ms | Lucene query alone: %.2f / %.2f ms | %.2fx (p95) | %s |%n", who,
                        folded, searchP50, searchP95, bareP50, bareP95, bareP95 / searchP95,
                        bareP95 / searchP95 >= 0.5 && searchP95 < 50 ? "≥ 0.5x, p95 < 50 ms: met" : "≥ 0.5x, p95 < 50 ms: NOT met");
            }
        }
    }

    /** Alternates the full search and the bare query over the query mix; nanoseconds of each. */
    static long[][] measure(SearchIndex index, Viewer viewer, int n) {
        long[] search = new long[n];
        long[] bare = new long[n];
        long hits = 0;
        for (int i = 0; i < n; i++) {
            String q = QUERIES.get(i % QUERIES.size());
            long t0 = System.nanoTime();
            hits += index.search(SearchService.request(q, null, null, null, null, null, 0, 20), viewer).total();
            long t1 = System.nanoTime();
            hits += index.countBare(q, viewer);
            long t2 = System.nanoTime();
            search[i] = t1 - t0;
            bare[i] = t2 - t1;
        }
        if (hits < 0) {
            System.out.println(hits);
        }
        return new long[][] {search, bare};
    }

    static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Plausible records of the 14 regions: 3 bodies each, their meetings, issues and measures with progress notes. */
    static final class Generator {
        private final Random random;
        private final List<List<String>> bodies = new ArrayList<>();
        private long clock = Instant.parse("2025-01-01T08:00:00Z").getEpochSecond();
        private final int commitEvery;
        private long count;
        private SearchIndex index;

        Generator(Random random, int commitEvery) {
            this.random = random;
            this.commitEvery = commitEvery;
            for (int r = 0; r < Region.values().length; r++) {
                bodies.add(List.of(uuid(), uuid(), uuid()));
            }
        }

        List<String> bodiesOf(String region) {
            return bodies.get(Region.valueOf(region).ordinal());
        }

        long fill(SearchIndex target, int events) {
            this.index = target;
            while (count < events) {
                int r = random.nextInt(Region.values().length);
                RegionCode region = RegionCode.of(Region.values()[r].name());
                String body = bodies.get(r).get(random.nextInt(3));
                IssueId issue = IssueId.of(uuid());
                emit("Issue", issue.value(), 0, new IssueRaisedEvent(issue, region, IssueCategory.values()[random.nextInt(IssueCategory.values().length)],
                        capital(words(3)) + " v " + place(), sentence(18), place(), InstitutionId.of("I" + r), LocalDate.of(2025, 1 + random.nextInt(12), 1), null));
                if (random.nextInt(3) == 0) {
                    emit("Issue", issue.value(), 1, new IssueResolvedEvent(issue, region, sentence(8), LocalDate.of(2025, 12, 1)));
                }
                MeetingId meeting = MeetingId.of(uuid());
                long seq = 0;
                emit("Meeting", meeting.value(), seq++, new MeetingScheduledEvent(meeting, region, BodyId.of(body), Instant.ofEpochSecond(clock), place(),
                        List.of(InstitutionId.of("I" + r)), QuorumRule.MORE_THAN_HALF));
                for (int i = 0; i < 4; i++) {
                    AgendaItemId item = AgendaItemId.of(uuid());
                    emit("Meeting", meeting.value(), seq++, new AgendaItemAddedEvent(meeting, region, item, capital(words(4)), null, List.of()));
                    emit("Meeting", meeting.value(), seq++, new ItemDiscussedEvent(meeting, region, item, sentence(30), true));
                    emit("Meeting", meeting.value(), seq++, new ResolutionAdoptedEvent(meeting, region, ResolutionId.of(uuid()), item,
                            (i + 1) + "/2025", sentence(20), new Votes(5, 0, 1)));
                }
                emit("Meeting", meeting.value(), seq, new MinutesRecordedEvent(meeting, region, sentence(120), "tajemnice"));
                for (int m = 0; m < 2; m++) {
                    MeasureId measure = MeasureId.of(uuid());
                    emit("Measure", measure.value(), 0, new MeasureAdoptedEvent(measure, region, BodyId.of(body), meeting, ResolutionId.of(uuid()),
                            Instant.ofEpochSecond(clock), capital(words(4)), sentence(20), InstitutionId.of("I" + r), LocalDate.of(2026, 6, 30), List.of(issue),
                            "usnesení " + (m + 1) + "/2025"));
                    for (int p = 1; p <= 4; p++) {
                        emit("Measure", measure.value(), p, new ProgressReportedEvent(measure, region, p * 20, sentence(15), LocalDate.of(2025, 6, p)));
                    }
                }
            }
            return count;
        }

        private void emit(String type, String aggregate, long seq, Object payload) {
            clock += 7;
            index.apply(payload, new EventMeta(uuid(), aggregate, seq, Instant.ofEpochSecond(clock), "tajemnice", "I0", null, null, type, uuid()));
            if (++count % commitEvery == 0) {
                index.commit();
            }
        }

        private String words(int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            return b.toString();
        }

        private String sentence(int n) {
            return capital(words(n)) + " v " + place() + ".";
        }

        private String place() {
            return PLACES[random.nextInt(PLACES.length)];
        }

        private static String capital(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        private String uuid() {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }
}
