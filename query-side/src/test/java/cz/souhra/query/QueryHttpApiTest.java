package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.query.common.Access;
import cz.souhra.shared.Actor;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.queries.MeasureView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.Disposable;

/**
 * The query HTTP API over the real controllers, query bus and projections, with the viewer taken from
 * a test header instead of the security principal (infra resolves it from the login).
 */
class QueryHttpApiTest {

    private QueryFixture f;
    private WebTestClient http;

    static final String ADMIN = "admin||ADMIN|";
    static final String OWNER = "uprace|UPLB|MEMBER|";
    static final String POLICE = "policie|KRPL|MEMBER|";
    static final String STRANGER = "cizi|MMLB|MEMBER|";

    @BeforeEach
    void setUp() throws Exception {
        f = Scenario.loaded();
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(f.emitter).build();
        for (Object handler : List.of(f.measureQueries, f.issueQueries, f.meetingQueries, f.directoryQueries, f.historyQueries, f.dashboards)) {
            new AnnotationQueryHandlerAdapter<>(handler).subscribe(bus);
        }
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(bus).build();
        // an empty region directory: the regions come from the directory read model, as on a store older than it
        Access access = new Access(f.readModels, new cz.souhra.query.common.RegionDirectory(f.readModels));
        http = WebTestClient.bindToController(
                        controller("measure.MeasureQueryController", gateway, access, f.clock),
                        controller("meeting.MeetingQueryController", gateway, access),
                        controller("issue.IssueQueryController", gateway, access),
                        controller("body.DirectoryQueryController", gateway),
                        controller("history.HistoryQueryController", gateway, access),
                        controller("dashboard.DashboardController", gateway, access),
                        controller("rebuild.RebuildController", f.rebuild, f.digest))
                .controllerAdvice(controller("common.QueryProblems"))
                .argumentResolvers(r -> r.addCustomResolver(new TestActorResolver(access)))
                .httpMessageCodecs(c -> {
                    // as spring.jackson.serialization.write-dates-as-timestamps=false does in the application
                    var mapper = org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                            .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
                    c.defaultCodecs().jackson2JsonEncoder(new org.springframework.http.codec.json.Jackson2JsonEncoder(mapper));
                    c.defaultCodecs().jackson2JsonDecoder(new org.springframework.http.codec.json.Jackson2JsonDecoder(mapper));
                })
                .build();
        http = http.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Object controller(String name, Object... args) throws Exception {
        Constructor<?> c = Arrays.stream(Class.forName("cz.souhra.query." + name).getDeclaredConstructors())
                .filter(k -> k.getParameterCount() == args.length).findFirst().orElseThrow();
        c.setAccessible(true);
        return c.newInstance(args);
    }

    /** "user|institution|ROLE,ROLE|body,body" in X-Actor. */
    static final class TestActorResolver implements HandlerMethodArgumentResolver {
        private final Access access;

        TestActorResolver(Access access) {
            this.access = access;
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType().equals(Actor.class);
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
            String[] p = exchange.getRequest().getHeaders().getFirst("X-Actor").split("\\|", -1);
            // the regions as the application's resolver finds them in the directory
            return Mono.just(access.withRegions(new Actor(p[0], p[1].isEmpty() ? null : p[1],
                    split(p[2]).stream().map(Actor.Role::valueOf).collect(Collectors.toSet()), split(p[3]))));
        }

        private static Set<String> split(String s) {
            return s.isEmpty() ? Set.of() : Set.of(s.split(","));
        }
    }

    private WebTestClient.RequestHeadersSpec<?> get(String actor, String uri) {
        return http.get().uri(uri).header("X-Actor", actor);
    }

    @Test
    void owner_reads_its_measure_with_version_as_etag() {
        get(OWNER, "/api/measures/" + Scenario.MEASURE).exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS").jsonPath("$.percent").isEqualTo(40).jsonPath("$.overdue").isEqualTo(true)
                .jsonPath("$.dueDate").isEqualTo("2026-06-30");
    }

    @Test
    void member_of_another_body_is_refused_with_a_czech_problem_and_english_on_request() {
        get(POLICE, "/api/measures/" + Scenario.MEASURE).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN_READ").jsonPath("$.detail").isEqualTo("Tento záznam nemáte oprávnění číst.");
        get(POLICE, "/api/measures/" + Scenario.MEASURE).header("Accept-Language", "en").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("You may not read this record.");
    }

    @Test
    void unknown_measure_is_404_and_malformed_id_is_400() {
        get(ADMIN, "/api/measures/00000000-0000-4000-8000-000000000000").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        get(ADMIN, "/api/measures/not-a-uuid").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_ID");
    }

    @Test
    void register_counts_only_what_the_viewer_may_see() {
        get(ADMIN, "/api/measures").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
        get(OWNER, "/api/measures").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].measureId").isEqualTo(Scenario.MEASURE.value());
        get(STRANGER, "/api/measures").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void register_is_filtered_sorted_and_paged_with_a_capped_size() {
        get(ADMIN, "/api/measures?overdue=true").exchange().expectBody().jsonPath("$.total").isEqualTo(1);
        get(ADMIN, "/api/measures?owner=KRPL").exchange().expectBody().jsonPath("$.items[0].title").isEqualTo("Hlídky");
        get(ADMIN, "/api/measures?sort=dueDate,desc&size=1&page=0").exchange().expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].owner").isEqualTo("UPLB").jsonPath("$.total").isEqualTo(2);
        get(ADMIN, "/api/measures?sort=dueDate,desc&size=1&page=1").exchange().expectBody().jsonPath("$.items[0].owner").isEqualTo("KRPL");
        get(ADMIN, "/api/measures?size=100000").exchange().expectBody().jsonPath("$.size").isEqualTo(200);
        get(ADMIN, "/api/measures?sort=secret,asc").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY");
    }

    @Test
    void measure_as_of_an_instant_is_the_state_then() {
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?asOf=" + Scenario.PROGRESS_AT.minusSeconds(1)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ADOPTED").jsonPath("$.percent").isEqualTo(0).jsonPath("$.overdue").isEqualTo(false);
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?asOf=" + Scenario.PROGRESS_AT).exchange().expectBody().jsonPath("$.percent").isEqualTo(40)
                .jsonPath("$.overdue").isEqualTo(false);
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?asOf=" + Scenario.T0).exchange().expectStatus().isNotFound();
        get(ADMIN, "/api/measures?asOf=" + Scenario.ADOPTED_AT).exchange().expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void measure_and_issue_registers_answer_what_was_known_at_one_time_about_another() {
        // The progress report was recorded on 1 March but takes effect on 15 April (Prague).
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?knownAt=" + Scenario.OVERDUE_AT + "&validAt=2026-04-01T00:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.percent").isEqualTo(0).jsonPath("$.status").isEqualTo("ADOPTED");
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?knownAt=" + Scenario.OVERDUE_AT + "&validAt=2026-04-20T00:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.percent").isEqualTo(40);
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?knownAt=" + Scenario.ADOPTED_AT + "&validAt=2026-04-20T00:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.percent").isEqualTo(0);
        get(ADMIN, "/api/measures?status=IN_PROGRESS&validAt=2026-04-01T00:00:00Z").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        get(ADMIN, "/api/measures?status=IN_PROGRESS&validAt=2026-04-20T00:00:00Z").exchange().expectBody().jsonPath("$.total").isEqualTo(1);
        get(OWNER, "/api/issues?knownAt=" + Scenario.T0.plusSeconds(8)).exchange().expectBody().jsonPath("$.total").isEqualTo(1);
        get(OWNER, "/api/issues/" + Scenario.ISSUE + "?knownAt=" + Scenario.T0).exchange().expectStatus().isNotFound();
    }

    @Test
    void as_of_mixed_with_known_at_or_an_unreadable_time_is_a_400_problem() {
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "?asOf=" + Scenario.T0 + "&knownAt=" + Scenario.T0).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("AS_OF_WITH_KNOWN_AT");
        get(OWNER, "/api/issues?asOf=" + Scenario.T0 + "&validAt=" + Scenario.T0).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("AS_OF_WITH_KNOWN_AT");
        get(OWNER, "/api/measures?validAt=yesterday").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY");
    }

    @Test
    void history_shows_who_for_which_institution_at_which_meeting_and_both_times() {
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "/history").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].type").isEqualTo("MeasureAdopted").jsonPath("$[0].actor").isEqualTo("tajemnice").jsonPath("$[0].institution").isEqualTo("KULK")
                .jsonPath("$[0].meetingId").isEqualTo(Scenario.MEETING.value()).jsonPath("$[0].recordedAt").isEqualTo(Scenario.ADOPTED_AT.toString())
                .jsonPath("$[1].type").isEqualTo("ProgressReported").jsonPath("$[1].actor").isEqualTo("uprace")
                .jsonPath("$[1].effectiveAt").isEqualTo("2026-04-14T22:00:00Z").jsonPath("$[1].details.percent").isEqualTo(40)
                .jsonPath("$[2].type").isEqualTo("MeasureBecameOverdue");
        get(ADMIN, "/api/issues/" + Scenario.ISSUE + "/history").exchange().expectBody().jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].type").isEqualTo("IssueRaised").jsonPath("$[1].type").isEqualTo("AgendaItemAdded")
                .jsonPath("$[2].type").isEqualTo("MeasureAdopted");
        get(ADMIN, "/api/history?region=LBK&size=5").exchange().expectBody().jsonPath("$.total").isEqualTo(Scenario.events().size())
                .jsonPath("$.items.length()").isEqualTo(5);
        get(OWNER, "/api/history").exchange().expectStatus().isForbidden();
    }

    @Test
    void lineage_goes_from_issue_through_agenda_item_and_resolution_to_progress() {
        get(OWNER, "/api/measures/" + Scenario.MEASURE + "/lineage").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.issues[0].title").isEqualTo("Napětí u ubytovny v Doubí")
                .jsonPath("$.adoption.agendaItem.title").isEqualTo("Ubytovny")
                .jsonPath("$.adoption.resolution.number").isEqualTo("1/2026")
                .jsonPath("$.measure.percent").isEqualTo(40)
                .jsonPath("$.history.length()").isEqualTo(3);
    }

    @Test
    void meeting_view_shows_attendance_quorum_resolutions_and_measures() {
        get(OWNER, "/api/meetings/" + Scenario.MEETING).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CONVENED").jsonPath("$.present").isEqualTo(2).jsonPath("$.quorumRequired").isEqualTo(2)
                .jsonPath("$.attendance[1].substitute").isEqualTo("Petr Svoboda")
                .jsonPath("$.resolutions[0].votes.inFavour").isEqualTo(2)
                .jsonPath("$.measures[0].measureId").isEqualTo(Scenario.MEASURE.value())
                .jsonPath("$.agenda[0].issues[0]").isEqualTo(Scenario.ISSUE.value());
        get(POLICE, "/api/meetings/" + Scenario.MEETING).exchange().expectStatus().isForbidden();
        get(OWNER, "/api/bodies/" + Scenario.BODY + "/meetings").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        get(OWNER, "/api/meetings/" + Scenario.MEETING + "?asOf=" + Scenario.T0.plusSeconds(10)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SCHEDULED").jsonPath("$.agenda.length()").isEqualTo(1);
    }

    @Test
    void issue_register_filters_by_category_status_locality_institution_and_text() {
        get(OWNER, "/api/issues?category=DORMITORY_TENSIONS&status=OPEN&locality=doubí&institution=UPLB&q=ubytovny").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].measures[0]").isEqualTo(Scenario.MEASURE.value());
        get(OWNER, "/api/issues?category=SCHOOLS").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        get(OWNER, "/api/issues?q=nic-takového").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        get(OWNER, "/api/issues?asOf=" + Scenario.T0.plusSeconds(8)).exchange().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].measures.length()").isEqualTo(0);
    }

    @Test
    void directory_lists_institutions_and_bodies_with_members() {
        get(STRANGER, "/api/institutions?sort=code,asc").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[0].code").isEqualTo("KRPL");
        get(STRANGER, "/api/bodies/" + Scenario.BODY).exchange().expectBody().jsonPath("$.members.length()").isEqualTo(2);
        get(STRANGER, "/api/bodies?asOf=" + Scenario.T0.plusSeconds(3)).exchange().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].members.length()").isEqualTo(0);
    }

    @Test
    void dashboard_shows_my_open_and_overdue_and_counts_per_body_category_region_and_nation() {
        get(OWNER, "/api/dashboard").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.myOpen.length()").isEqualTo(1).jsonPath("$.myOverdue[0].measureId").isEqualTo(Scenario.MEASURE.value())
                .jsonPath("$.perBody[0].label").isEqualTo("Skupina pro ubytovny").jsonPath("$.perBody.length()").isEqualTo(1)
                .jsonPath("$.perCategory[0].key").isEqualTo("DORMITORY_TENSIONS").jsonPath("$.perCategory[0].issuesOpen").isEqualTo(1)
                .jsonPath("$.perRegion[0].key").isEqualTo("LBK");
        get(ADMIN, "/api/dashboard").exchange().expectBody().jsonPath("$.national.total").isEqualTo(2).jsonPath("$.national.overdue").isEqualTo(1)
                .jsonPath("$.perBody.length()").isEqualTo(2);
    }

    @Test
    void measure_updates_stream_the_current_view_then_each_change_and_close_when_the_client_leaves() {
        Flux<ServerSentEvent<MeasureView>> stream = get(OWNER, "/api/measures/" + Scenario.MEASURE + "/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(new org.springframework.core.ParameterizedTypeReference<ServerSentEvent<MeasureView>>() {})
                .getResponseBody();
        java.util.concurrent.BlockingQueue<Integer> percents = new java.util.concurrent.LinkedBlockingQueue<>();
        Disposable client = stream.filter(e -> e.data() != null).subscribe(e -> percents.add(e.data().percent()));
        await().atMost(Duration.ofSeconds(10)).until(() -> percents.contains(40));
        assertThat(f.emitter.activeSubscriptions()).hasSize(1);
        f.appendAndDeliverLive(QueryFixture.event("Measure", Scenario.MEASURE.value(), 3,
                new ProgressReportedEvent(Scenario.MEASURE, Scenario.R, 70, "20 z 30", LocalDate.parse("2026-07-10")),
                Scenario.OVERDUE_AT.plusSeconds(60), "uprace", "UPLB", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> percents.contains(70));
        client.dispose();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.emitter.activeSubscriptions().isEmpty());
    }

    @Test
    void rebuild_over_http_reports_progress_then_the_report_and_is_for_admins_only() {
        List<ServerSentEvent<Object>> events = http.post().uri("/api/admin/rebuild?projection=measures").header("X-Actor", ADMIN)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new org.springframework.core.ParameterizedTypeReference<ServerSentEvent<Object>>() {}).getResponseBody()
                .collectList().block(Duration.ofSeconds(20));
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).event()).isEqualTo("report");
        assertThat(events.stream().filter(e -> "progress".equals(e.event()))).isNotEmpty();
        assertThat(events.get(events.size() - 1).data().toString()).contains("switched=true").contains("equal=true");
        get(OWNER, "/api/measures/" + Scenario.MEASURE).exchange().expectStatus().isOk().expectBody().jsonPath("$.percent").isEqualTo(40);
        http.post().uri("/api/admin/rebuild").header("X-Actor", OWNER).exchange().expectStatus().isForbidden();
        http.post().uri("/api/admin/rebuild?projection=nonsense").header("X-Actor", ADMIN).exchange().expectStatus().isBadRequest();
        get(ADMIN, "/api/admin/read-models/digest").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").value(d -> assertThat((String) d).hasSize(64));
    }
}
