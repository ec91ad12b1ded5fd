package cz.souhra.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemRemovedEvent;
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
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;
import cz.souhra.shared.queries.Viewer;

class SearchIndexTest {

    static final RegionCode LBK = RegionCode.of("LBK");
    static final RegionCode ULK = RegionCode.of("ULK");
    static final BodyId GROUP = BodyId.of("0b0d0000-0000-4000-8000-000000000001");
    static final BodyId ULK_GROUP = BodyId.of("0b0d0000-0000-4000-8000-000000000009");
    static final MeetingId MEETING = MeetingId.of("0e0e0000-0000-4000-8000-000000000001");
    static final AgendaItemId ITEM = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000001");
    static final AgendaItemId SECOND_ITEM = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000002");
    static final IssueId ISSUE = IssueId.of("01550000-0000-4000-8000-000000000001");
    static final IssueId ULK_ISSUE = IssueId.of("01550000-0000-4000-8000-000000000002");
    static final MeasureId MEASURE = MeasureId.of("0f0f0000-0000-4000-8000-000000000001");
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    /** Reads the Liberec working group (its member UPLB) and acts in LBK. */
    static final Viewer LIBEREC_MEMBER = new Viewer(false, "UPLB", Set.of(GROUP.value()), Set.of("LBK"));
    /** A member institution of Ústí, with its own working group: reads nothing of Liberec. */
    static final Viewer USTI_MEMBER = new Viewer(false, "UPUL", Set.of(ULK_GROUP.value()), Set.of("ULK"));

    static List<DomainEventMessage<?>> story() {
        long[] t = {0};
        java.util.function.Supplier<Instant> at = () -> T0.plusSeconds(t[0]++);
        return List.of(
                ev("Issue", ISSUE.value(), 0, new IssueRaisedEvent(ISSUE, LBK, IssueCategory.DORMITORY_TENSIONS, "Napětí u ubytovny v Doubí",
                        "Stížnosti sousedů na hluk v ubytovnách agenturních pracovníků", "Liberec-Doubí", InstitutionId.of("KULK"),
                        LocalDate.parse("2026-02-20"), null), at.get()),
                ev("Issue", ULK_ISSUE.value(), 0, new IssueRaisedEvent(ULK_ISSUE, ULK, IssueCategory.AGENCY_EMPLOYMENT, "Agenturní zaměstnávání v Žatci",
                        "Ubytovna u nádraží je přeplněná", "Žatec", InstitutionId.of("KUUK"), LocalDate.parse("2026-02-21"), null), at.get()),
                ev("Meeting", MEETING.value(), 0, new MeetingScheduledEvent(MEETING, LBK, GROUP, Instant.parse("2026-03-10T09:00:00Z"), "KÚ Liberec",
                        List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB")), QuorumRule.MORE_THAN_HALF), at.get()),
                ev("Meeting", MEETING.value(), 1, new AgendaItemAddedEvent(MEETING, LBK, ITEM, "Ubytovny v Doubí", InstitutionId.of("UPLB"), List.of(ISSUE)),
                        at.get()),
                ev("Meeting", MEETING.value(), 2, new AgendaItemAddedEvent(MEETING, LBK, SECOND_ITEM, "Cizinecká policie: kontroly", InstitutionId.of("UPLB"),
                        List.of()), at.get()),
                ev("Meeting", MEETING.value(), 3, new ItemDiscussedEvent(MEETING, LBK, ITEM, "Majitel ubytovny přislíbil noční klid", true), at.get()),
                ev("Meeting", MEETING.value(), 4, new ResolutionAdoptedEvent(MEETING, LBK, ResolutionId.of("0c0c0000-0000-4000-8000-000000000001"), ITEM,
                        "1/2026", "Úřad práce zmapuje agenturní ubytovny", new Votes(2, 0, 0)), at.get()),
                ev("Meeting", MEETING.value(), 5, new AgendaItemRemovedEvent(MEETING, LBK, SECOND_ITEM, "Přesunuto"), at.get()),
                ev("Meeting", MEETING.value(), 6, new MinutesRecordedEvent(MEETING, LBK, "Jednání zahájila tajemnice. Projednány ubytovny v Doubí.",
                        "Jana Nováková"), at.get()),
                ev("Measure", MEASURE.value(), 0, new MeasureAdoptedEvent(MEASURE, LBK, GROUP, MEETING, ResolutionId.of("0c0c0000-0000-4000-8000-000000000001"),
                        Instant.parse("2026-03-10T10:00:00Z"), "Zmapovat ubytovny", "Seznam ubytoven s kapacitou", InstitutionId.of("UPLB"),
                        LocalDate.parse("2026-06-30"), List.of(ISSUE), "usnesení 1/2026"), at.get()),
                ev("Measure", MEASURE.value(), 1, new ProgressReportedEvent(MEASURE, LBK, 40, "Zmapováno dvanáct objektů, chybí Vratislavice",
                        LocalDate.parse("2026-04-15")), at.get()),
                ev("Issue", ISSUE.value(), 1, new IssueResolvedEvent(ISSUE, LBK, "Majitel zavedl noční klid", LocalDate.parse("2026-05-01")), at.get()));
    }

    static DomainEventMessage<?> ev(String type, String id, long seq, Object payload, Instant at) {
        return QueryFixture.event(type, id, seq, payload, at, "tajemnice", "KULK", null);
    }

    static SearchIndex built(List<DomainEventMessage<?>> events) {
        SearchIndex index = SearchIndex.inMemory();
        events.forEach(e -> index.apply(e.getPayload(), EventMeta.of(e)));
        index.commit();
        return index;
    }

    static SearchResult find(SearchIndex index, String q, Viewer viewer) {
        return index.search(SearchService.request(q, null, null, null, null, null, null, null), viewer);
    }

    static List<String> titles(SearchResult r) {
        return r.hits().stream().map(h -> h.kind() + " " + h.title()).toList();
    }

    @Test
    void czech_word_forms_are_found_in_any_case_and_without_diacritics() {
        try (SearchIndex index = built(story())) {
            assertThat(titles(find(index, "ubytovna", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí", "AGENDA_ITEM Ubytovny v Doubí",
                    "MEASURE Zmapovat ubytovny", "ISSUE Agenturní zaměstnávání v Žatci");
            assertThat(titles(find(index, "agenturní", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí", "RESOLUTION 1/2026");
            assertThat(titles(find(index, "agenturnich", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí");
            assertThat(titles(find(index, "doubi", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí", "MINUTES null");
            assertThat(titles(find(index, "UBYTOVNÁCH", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí");
            assertThat(titles(find(index, "ubytovnach", Viewer.EVERYTHING))).contains("ISSUE Napětí u ubytovny v Doubí");
            assertThat(find(index, "Vratislavice", Viewer.EVERYTHING).hits()).singleElement()
                    .satisfies(h -> assertThat(h.kind()).isEqualTo(SearchKind.MEASURE));
            assertThat(titles(find(index, "klid", Viewer.EVERYTHING))).contains("DISCUSSION Ubytovny v Doubí", "ISSUE Napětí u ubytovny v Doubí");
            assertThat(find(index, "hotel", Viewer.EVERYTHING).total()).isZero();
        }
    }

    @Test
    void phrases_keep_word_order_and_prefixes_match_word_starts() {
        try (SearchIndex index = built(story())) {
            assertThat(titles(find(index, "\"agenturních pracovníků\"", Viewer.EVERYTHING))).containsExactly("ISSUE Napětí u ubytovny v Doubí");
            assertThat(titles(find(index, "\"agenturni pracovnik\"", Viewer.EVERYTHING))).containsExactly("ISSUE Napětí u ubytovny v Doubí");
            assertThat(find(index, "\"pracovníků agenturních\"", Viewer.EVERYTHING).total()).isZero();
            assertThat(titles(find(index, "vratisl*", Viewer.EVERYTHING))).containsExactly("MEASURE Zmapovat ubytovny");
            assertThat(titles(find(index, "Žat*", Viewer.EVERYTHING))).containsExactly("ISSUE Agenturní zaměstnávání v Žatci");
        }
    }

    @Test
    void snippets_mark_the_matched_words_and_escape_the_text() {
        List<DomainEventMessage<?>> events = new ArrayList<>(story());
        IssueId tagged = IssueId.of("01550000-0000-4000-8000-000000000003");
        events.add(ev("Issue", tagged.value(), 0, new IssueRaisedEvent(tagged, LBK, IssueCategory.OTHER, "Značky", "<script>alert(1)</script> u ubytovny",
                "Liberec", InstitutionId.of("KULK"), LocalDate.parse("2026-02-20"), null), T0.plusSeconds(100)));
        try (SearchIndex index = built(events)) {
            SearchResult r = find(index, "Vratislavice", Viewer.EVERYTHING);
            assertThat(r.hits().get(0).snippet()).contains("<mark>Vratislavice</mark>");
            SearchResult script = index.search(SearchService.request("ubytovny", "issue", null, null, "other", null, null, null), Viewer.EVERYTHING);
            assertThat(script.hits()).singleElement().satisfies(h -> assertThat(h.snippet()).contains("&lt;script&gt;").doesNotContain("<script>"));
        }
    }

    @Test
    void facets_count_matching_hits_by_kind_body_region_category_and_status() {
        try (SearchIndex index = built(story())) {
            SearchResult r = find(index, "ubytovny", Viewer.EVERYTHING);
            assertThat(r.facets().get("region")).contains(new SearchResult.FacetCount("LBK", r.total() - 1), new SearchResult.FacetCount("ULK", 1));
            assertThat(r.facets().get("kind")).extracting(SearchResult.FacetCount::value).contains("ISSUE", "MEASURE", "AGENDA_ITEM", "RESOLUTION");
            assertThat(r.facets().get("category")).contains(new SearchResult.FacetCount("DORMITORY_TENSIONS", 1), new SearchResult.FacetCount("AGENCY_EMPLOYMENT", 1));
            assertThat(r.facets().get("status")).extracting(SearchResult.FacetCount::value).contains("RESOLVED", "OPEN", "IN_PROGRESS");
            SearchResult issuesOnly = index.search(SearchService.request("ubytovny", "ISSUE", null, "LBK", null, null, null, null), Viewer.EVERYTHING);
            assertThat(titles(issuesOnly)).containsExactly("ISSUE Napětí u ubytovny v Doubí");
            SearchResult ofBody = index.search(SearchService.request("ubytovny", null, GROUP.value(), null, null, null, null, null), Viewer.EVERYTHING);
            assertThat(ofBody.hits()).allSatisfy(h -> assertThat(h.bodyId()).isEqualTo(GROUP.value())).isNotEmpty();
        }
    }

    @Test
    void a_member_of_another_region_finds_nothing_of_a_region_they_may_not_read() {
        try (SearchIndex index = built(story())) {
            SearchResult usti = find(index, "ubytovny", USTI_MEMBER);
            assertThat(titles(usti)).containsExactly("ISSUE Agenturní zaměstnávání v Žatci");
            assertThat(usti.total()).isEqualTo(1);
            assertThat(usti.facets().get("region")).containsExactly(new SearchResult.FacetCount("ULK", 1));
            assertThat(find(index, "Doubí", USTI_MEMBER).total()).isZero();
            assertThat(find(index, "Vratislavice", USTI_MEMBER).total()).isZero();
            SearchResult liberec = find(index, "ubytovny", LIBEREC_MEMBER);
            assertThat(titles(liberec)).contains("ISSUE Napětí u ubytovny v Doubí", "MEASURE Zmapovat ubytovny", "AGENDA_ITEM Ubytovny v Doubí")
                    .doesNotContain("ISSUE Agenturní zaměstnávání v Žatci");
        }
    }

    @Test
    void the_rights_are_those_of_the_registers_owner_body_and_region() {
        try (SearchIndex index = built(story())) {
            // the owner institution of a measure, outside its body and region, reads the measure and nothing else of the body
            Viewer owner = new Viewer(false, "UPLB", Set.of(), Set.of());
            assertThat(titles(find(index, "ubytovny", owner))).containsExactly("MEASURE Zmapovat ubytovny");
            // the institution that raised an issue reads it from another region
            Viewer raiser = new Viewer(false, "KUUK", Set.of(), Set.of());
            assertThat(titles(find(index, "ubytovna", raiser))).containsExactly("ISSUE Agenturní zaměstnávání v Žatci");
            // acting in a region gives its issues, not its bodies' meetings and measures
            Viewer region = new Viewer(false, null, Set.of(), Set.of("LBK"));
            assertThat(titles(find(index, "ubytovny", region))).containsExactly("ISSUE Napětí u ubytovny v Doubí");
        }
    }

    @Test
    void a_removed_agenda_item_is_no_longer_found() {
        try (SearchIndex index = built(story())) {
            assertThat(find(index, "cizinecká", Viewer.EVERYTHING).total()).isZero();
            assertThat(built(story().subList(0, 5)).search(SearchService.request("cizinecká", null, null, null, null, null, null, null), Viewer.EVERYTHING)
                    .total()).isEqualTo(1);
        }
    }

    @Test
    void the_index_built_live_with_redeliveries_equals_a_rebuild_from_the_events() {
        List<DomainEventMessage<?>> events = story();
        Random random = new Random(33);
        for (int run = 0; run < 20; run++) {
            try (SearchIndex rebuilt = built(events); SearchIndex live = SearchIndex.inMemory()) {
                int delivered = 0;
                while (delivered < events.size()) {
                    int batch = 1 + random.nextInt(4);
                    int end = Math.min(events.size(), delivered + batch);
                    for (int i = delivered; i < end; i++) {
                        live.apply(events.get(i).getPayload(), EventMeta.of(events.get(i)));
                    }
                    if (random.nextBoolean()) {
                        live.commit();
                    }
                    // a crash before the token was stored: the batch comes again, or a part of it
                    int from = Math.max(0, delivered - random.nextInt(3));
                    for (int i = from; i < end; i++) {
                        live.apply(events.get(i).getPayload(), EventMeta.of(events.get(i)));
                    }
                    delivered = end;
                }
                live.commit();
                assertThat(live.digest()).isEqualTo(rebuilt.digest());
            }
        }
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        List<DomainEventMessage<?>> events = story();
        try (SearchIndex index = built(events)) {
            String before = index.digest();
            int documents = index.documents();
            for (DomainEventMessage<?> e : events) {
                index.apply(e.getPayload(), EventMeta.of(e));
            }
            index.commit();
            assertThat(index.digest()).isEqualTo(before);
            assertThat(index.documents()).isEqualTo(documents);
        }
    }

    @Test
    void the_index_kept_on_disk_is_whole_after_a_restart_and_takes_the_next_events(@TempDir Path dir) {
        List<DomainEventMessage<?>> events = story();
        try (SearchIndex index = SearchIndex.open(dir)) {
            events.subList(0, 8).forEach(e -> index.apply(e.getPayload(), EventMeta.of(e)));
            index.commit();
        }
        try (SearchIndex reopened = SearchIndex.open(dir); SearchIndex rebuilt = built(events)) {
            // the processor resumes from an older token: the first events come again
            events.subList(4, events.size()).forEach(e -> reopened.apply(e.getPayload(), EventMeta.of(e)));
            reopened.commit();
            assertThat(reopened.digest()).isEqualTo(rebuilt.digest());
        }
    }
}
