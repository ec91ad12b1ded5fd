package cz.souhra.infra.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;

/**
 * The thin slice over HTTP on the embedded durable store in a temporary data directory: a body with two
 * member institutions, a meeting, an issue, a measure adopted at the meeting, a progress report by the
 * owner, then the measure's status and history read back from the query side. Refusals on the way must
 * be ProblemDetails, and nothing refused may be stored.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThinSliceHttpTest {

    static Path dataDir;

    static {
        dataDir = TestApplication.newDataDir("souhra-slice");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, dataDir, "zluty-kocour-na-plote-7");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    WebTestClient admin;
    WebTestClient secretary;
    WebTestClient owner;
    WebTestClient anonymous;

    String body;
    String meeting;
    String issue;
    String resolution;
    String measure;

    @BeforeAll
    void clients() {
        anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        admin = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("admin", "zluty-kocour-na-plote-7")).build();
        secretary = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("tajemnice", "zapis-z-porady-pod-javorem-1")).build();
        owner = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("uprace", "heslo-uradu-prace-1")).build();
    }

    @AfterAll
    void cleanUp() {
        // The context (and its store) is closed by Spring; the directory is left for inspection on failure only.
    }

    private String post(WebTestClient client, String path, String json, int status) {
        var spec = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectStatus().isEqualTo(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = spec.expectBody(Map.class).returnResult().getResponseBody();
        return body == null ? null : String.valueOf(body.get("id"));
    }

    @Test
    @Order(1)
    void given_admin_when_registering_institutions_body_and_users_then_created_with_location() {
        post(admin, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Libereckého kraje\"}", 201);
        post(admin, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce ČR – krajská pobočka v Liberci\"}", 201);
        post(admin, "/api/institutions", "{\"code\":\"KRPL\",\"region\":\"LBK\",\"kind\":\"POLICE\",\"name\":\"Krajské ředitelství policie Libereckého kraje\"}", 201);
        admin.post().uri("/api/bodies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina průmyslové zóny a ubytovny\",\"meetingsPerYear\":4}")
                .exchange().expectStatus().isCreated().expectHeader().value("Location", l -> assertThat(l).startsWith("/api/bodies/"))
                .expectBody(Map.class).value(m -> body = (String) m.get("id"));
        post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"KULK\"}", 202);
        post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"UPLB\"}", 202);
        post(admin, "/api/admin/users", "{\"user\":\"tajemnice\",\"password\":\"zapis-z-porady-pod-javorem-1\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"]}", 201);
        post(admin, "/api/admin/users", "{\"user\":\"uprace\",\"password\":\"heslo-uradu-prace-1\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}", 201);
        post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"tajemnice\"}", 202);
        // the regions an account acts in are resolved from the directory read model, a moment behind the commands
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.regions[0]").isEqualTo("LBK"));
    }

    @Test
    @Order(2)
    void given_registered_institution_when_registered_again_then_409_already_exists_and_nothing_stored() {
        long before = mongo.getCollection("domainevents").countDocuments();
        admin.post().uri("/api/institutions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Jiný název\"}")
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("ALREADY_EXISTS");
        assertThat(mongo.getCollection("domainevents").countDocuments()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void given_secretary_when_scheduling_meeting_and_raising_issue_then_ids_returned() {
        meeting = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec, zasedačka 2\"}", 201);
        issue = post(owner, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny v Doubí\","
                + "\"locality\":\"Liberec-Doubí\",\"observedOn\":\"2026-02-20\"}", 201);
        assertThat(meeting).hasSize(36);
        assertThat(issue).hasSize(36);
    }

    @Test
    @Order(4)
    void given_convened_meeting_when_measure_adopted_and_owner_reports_progress_then_status_and_history_are_read_back() {
        post(secretary, "/api/meetings/" + meeting + "/convene", "{\"convenedAt\":\"2026-03-10T09:00:00Z\",\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                + "{\"institution\":\"UPLB\",\"status\":\"SUBSTITUTE\",\"delegate\":\"Mgr. Eva Malá\",\"substitute\":\"Petr Dvořák\"}]}", 202);
        resolution = post(secretary, "/api/meetings/" + meeting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Skupina ukládá Úřadu práce zmapovat agenturní ubytovny.\"}", 201);
        secretary.post().uri("/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Zmapovat agenturní ubytovny\",\"owner\":\"UPLB\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + issue + "\"],"
                        + "\"decisionBasis\":\"Usnesení 1/2026\"}")
                .exchange().expectStatus().isCreated().expectHeader().value("Location", l -> assertThat(l).startsWith("/api/measures/"))
                .expectBody(Map.class).value(m -> measure = (String) m.get("id"));
        // Recorded in December for a due date in June: overdue in the answer at once, and the fact recorded by
        // the schedule right after the adoption, effective at Prague midnight after the due date, by the system.
        // (the first answer once the adoption is projected, whether or not the record has been made yet)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/measures/" + measure).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.overdue").isEqualTo(true));
        owner.get().uri("/api/measures?overdue=true").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/measures/" + measure + "/history").exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(2).jsonPath("$[1].type").isEqualTo("MeasureBecameOverdue")
                .jsonPath("$[1].institution").isEqualTo("system").jsonPath("$[1].effectiveAt").isEqualTo("2026-06-30T22:00:00Z"));
        post(owner, "/api/measures/" + measure + "/progress", "{\"percent\":40,\"note\":\"Zmapováno 12 z 30 ubytoven\",\"effectiveOn\":\"2026-04-15\"}", 202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/measures/" + measure).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS").jsonPath("$.percent").isEqualTo(40)
                .jsonPath("$.owner").isEqualTo("UPLB").jsonPath("$.dueDate").isEqualTo("2026-06-30"));

        owner.get().uri("/api/measures/" + measure + "/history").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].type").isEqualTo("MeasureAdopted").jsonPath("$[0].actor").isEqualTo("tajemnice").jsonPath("$[0].institution").isEqualTo("KULK")
                .jsonPath("$[0].meetingId").isEqualTo(meeting).jsonPath("$[0].recordedAt").exists().jsonPath("$[0].effectiveAt").exists()
                .jsonPath("$[1].type").isEqualTo("MeasureBecameOverdue").jsonPath("$[1].actor").isEqualTo("system:overdue-schedule")
                .jsonPath("$[1].institution").isEqualTo("system")
                .jsonPath("$[2].type").isEqualTo("ProgressReported").jsonPath("$[2].actor").isEqualTo("uprace").jsonPath("$[2].institution").isEqualTo("UPLB")
                .jsonPath("$[2].effectiveAt").isEqualTo("2026-04-14T22:00:00Z").jsonPath("$[2].recordedAt").exists();
    }

    @Test
    @Order(5)
    void given_progress_by_non_owner_when_reported_then_403_problem_and_nothing_stored() {
        post(admin, "/api/admin/users", "{\"user\":\"policie\",\"password\":\"hlidka-u-stareho-dubu-123\",\"institution\":\"KRPL\",\"roles\":[\"MEMBER\"]}", 201);
        long before = mongo.getCollection("domainevents").countDocuments(Filters.eq("aggregateIdentifier", measure));
        anonymous.post().uri("/api/measures/" + measure + "/progress").headers(h -> h.setBasicAuth("policie", "hlidka-u-stareho-dubu-123"))
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"percent\":90,\"note\":\"claims to be the owner\",\"institution\":\"UPLB\"}")
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_OWNER").jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("Only the owner"));
        assertThat(mongo.getCollection("domainevents").countDocuments(Filters.eq("aggregateIdentifier", measure))).isEqualTo(before);
    }

    @Test
    @Order(6)
    void given_stale_if_match_when_reporting_then_409_with_current_version() {
        owner.post().uri("/api/measures/" + measure + "/progress").header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"percent\":50}").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("VERSION_CONFLICT").jsonPath("$.currentVersion").isEqualTo(2);
    }

    @Test
    @Order(7)
    void given_anonymous_or_malformed_requests_then_problems_without_internals() {
        anonymous.get().uri("/api/measures/" + measure).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        owner.post().uri("/api/measures/" + measure + "/progress").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"percent\":\"lots\"")
                .exchange().expectStatus().isBadRequest().expectBody(String.class)
                .value(b -> assertThat(b).contains("\"status\":400").doesNotContain("Exception").doesNotContain("at cz."));
        owner.get().uri("/api/measures/not-a-uuid").exchange().expectStatus().isBadRequest();
        owner.get().uri("/api/measures/00000000-0000-0000-0000-000000000000").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }

    @Test
    @Order(8)
    void given_closed_meeting_then_ledger_checkpoint_recorded_and_chain_verifies() {
        post(secretary, "/api/meetings/" + meeting + "/minutes", "{\"text\":\"Zápis z jednání pracovní skupiny.\"}", 202);
        post(secretary, "/api/meetings/" + meeting + "/close", "{}", 202);
        secretary.post().uri("/api/meetings/" + meeting + "/minutes").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"pozdní změna\"}")
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("MEETING_CLOSED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/meetings/" + meeting).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.checkpoint.digest").value(d -> assertThat((String) d).hasSize(64)));
        admin.get().uri("/api/audit/verify").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.ok").isEqualTo(true).jsonPath("$.entries").value(n -> assertThat(((Number) n).intValue()).isGreaterThan(10));
        owner.get().uri("/api/audit/verify").exchange().expectStatus().isForbidden();
    }

    @Test
    @Order(9)
    void every_stored_event_names_the_authenticated_user_and_institution_in_its_metadata() {
        List<Document> events = mongo.getCollection("domainevents").find(Filters.eq("aggregateIdentifier", measure)).into(new java.util.ArrayList<>());
        assertThat(events).isNotEmpty();
        for (Document e : events) {
            String meta = String.valueOf(e.get("serializedMetaData"));
            assertThat(meta).contains("\"user\"").contains("\"institution\"").contains("\"correlationId\"").contains("\"region\":\"LBK\"");
        }
        assertThat(String.valueOf(events.get(events.size() - 1).get("serializedMetaData"))).contains("\"user\":\"uprace\"").contains("\"institution\":\"UPLB\"");
    }

    @Test
    @Order(10)
    void given_closed_meeting_when_minutes_pdf_requested_then_text_has_czech_diacritics_attendance_measures_and_checkpoint() throws Exception {
        // The adopted measure is a Measure aggregate's event, folded into the meeting's view by the other
        // segment of the meetings processor, which may lag behind the segment that saw the close.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> owner.get().uri("/api/meetings/" + meeting).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.measures.length()").isEqualTo(1));
        String digest = owner.get().uri("/api/meetings/" + meeting).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("checkpoint") instanceof Map<?, ?> cp ? String.valueOf(cp.get("digest")) : null;
        assertThat(digest).hasSize(64);
        byte[] pdf = owner.get().uri("/api/meetings/" + meeting + "/minutes.pdf").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody(byte[].class).returnResult().getResponseBody();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Zápis z jednání: Pracovní skupina průmyslové zóny a ubytovny")
                    .contains("Úřad práce ČR – krajská pobočka v Liberci")
                    .contains("Jana Nováková").contains("náhradník: Petr Dvořák, delegát: Mgr. Eva Malá")
                    .contains("Zmapovat agenturní ubytovny").contains("30. 6. 2026")
                    .contains("usnášeníschopné").contains(digest.substring(0, 32));
            assertThat(doc.getDocumentCatalog().getMetadata()).as("PDF/A carries XMP metadata").isNotNull();
        }
        // veraPDF, the reference PDF/A validator, checks the claimed conformance (PDF/A-3a) rule by rule.
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new java.io.ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            assertThat(parser.getFlavour()).isEqualTo(org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_3_A);
            var result = validator.validate(parser);
            assertThat(result.getTestAssertions().stream().filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + " " + a.getMessage()).distinct().toList()).as("PDF/A-3a violations").isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
        anonymous.get().uri("/api/meetings/" + meeting + "/minutes.pdf").headers(h -> h.setBasicAuth("policie", "hlidka-u-stareho-dubu-123"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @Order(11)
    void given_meetings_when_calendar_requested_then_ics_parses_back_with_the_meeting() throws Exception {
        byte[] ics = owner.get().uri("/api/bodies/" + body + "/calendar.ics").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        net.fortuna.ical4j.model.Calendar cal = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.ByteArrayInputStream(ics));
        List<net.fortuna.ical4j.model.component.VEvent> events = cal.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getUid().orElseThrow().getValue()).isEqualTo(meeting + "@souhra");
        assertThat(events.get(0).getProperty(net.fortuna.ical4j.model.Property.LOCATION).orElseThrow().getValue()).isEqualTo("KÚ Liberec, zasedačka 2");
        byte[] mine = owner.get().uri("/api/institutions/UPLB/calendar.ics").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        net.fortuna.ical4j.model.Calendar institutionFeed = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.ByteArrayInputStream(mine));
        assertThat(institutionFeed.validate().hasErrors()).as(institutionFeed.validate().toString()).isFalse();
        List<net.fortuna.ical4j.model.component.VEvent> mineEvents = institutionFeed.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
        // UPLB's meeting and the deadline of the measure it owns, as an all-day event on the due date
        assertThat(mineEvents).extracting(e -> e.getUid().orElseThrow().getValue()).containsExactlyInAnyOrder(meeting + "@souhra", "measure-" + measure + "@souhra");
        var deadline = mineEvents.stream().filter(e -> e.getUid().orElseThrow().getValue().startsWith("measure-")).findFirst().orElseThrow();
        assertThat(deadline.getProperty(net.fortuna.ical4j.model.Property.DTSTART).orElseThrow().toString().trim()).isEqualTo("DTSTART;VALUE=DATE:20260630");
        assertThat(deadline.getSummary().getValue()).isEqualTo("Termín opatření: Zmapovat agenturní ubytovny");
    }

    @Test
    @Order(12)
    void given_register_when_exported_as_csv_then_excel_bom_and_rows_parse_back() throws Exception {
        byte[] csv = owner.get().uri("/api/exports/measures.csv").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(csv[0] & 0xff).isEqualTo(0xEF);
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8).substring(1);
        var records = org.apache.commons.csv.CSVFormat.EXCEL.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(text)).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("název")).isEqualTo("Zmapovat agenturní ubytovny");
        assertThat(records.get(0).get("gestor")).isEqualTo("Úřad práce ČR – krajská pobočka v Liberci");
        byte[] issues = owner.get().uri("/api/exports/issues.csv").exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        List<org.apache.commons.csv.CSVRecord> issueRows = org.apache.commons.csv.CSVFormat.EXCEL.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(new String(issues, java.nio.charset.StandardCharsets.UTF_8).substring(1))).getRecords();
        assertThat(issueRows).hasSize(1);
        assertThat(issueRows.get(0).get("název")).isEqualTo("Napětí u ubytovny v Doubí");
        // The measure reaches the issue through a link document (another aggregate's event), merged at read time.
        assertThat(issueRows.get(0).get("opatření")).isEqualTo(measure);
    }

    @Test
    @Order(13)
    void given_body_with_a_closed_meeting_when_read_as_oparl_then_body_meeting_organizations_and_memberships_link_up() {
        String base = "http://localhost:" + port + "/api/oparl/v1";
        owner.get().uri("/api/oparl/v1/system").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.type").isEqualTo("https://schema.oparl.org/1.1/System").jsonPath("$.body").isEqualTo(base + "/body");
        owner.get().uri("/api/oparl/v1/body").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(base + "/body/" + body)
                .jsonPath("$.data[0].name").isEqualTo("Pracovní skupina průmyslové zóny a ubytovny")
                .jsonPath("$.data[0].classification").isEqualTo("Pracovní skupina");
        owner.get().uri("/api/oparl/v1/body/" + body + "/meeting").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(base + "/meeting/" + meeting)
                .jsonPath("$.data[0].type").isEqualTo("https://schema.oparl.org/1.1/Meeting")
                .jsonPath("$.data[0].meetingState").isEqualTo("durchgeführt")
                .jsonPath("$.data[0].start").isEqualTo("2026-03-10T09:00:00Z")
                .jsonPath("$.data[0].location.description").isEqualTo("KÚ Liberec, zasedačka 2")
                .jsonPath("$.data[0].organization[0]").isEqualTo(base + "/organization/" + body);
        owner.get().uri("/api/oparl/v1/body/" + body + "/organization").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(3)
                .jsonPath("$.data[0].membership[1]").isEqualTo(base + "/membership/" + body + "/UPLB")
                .jsonPath("$.data[2].name").isEqualTo("Úřad práce ČR – krajská pobočka v Liberci");
        owner.get().uri("/api/oparl/v1/membership/" + body + "/UPLB").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.type").isEqualTo("https://schema.oparl.org/1.1/Membership")
                .jsonPath("$.onBehalfOf").isEqualTo(base + "/organization/UPLB");
        owner.get().uri("/api/oparl/v1/membership/" + body + "/NOBODY").exchange().expectStatus().isNotFound();
        anonymous.get().uri("/api/oparl/v1/body").exchange().expectStatus().isUnauthorized();
    }
}
