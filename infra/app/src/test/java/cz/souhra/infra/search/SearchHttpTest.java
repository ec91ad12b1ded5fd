package cz.souhra.infra.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.query.common.EventMeta;
import cz.souhra.query.search.SearchIndex;

/**
 * {@code GET /api/search} on the whole application: the index is fed by its tracking processor, finds Czech word
 * forms typed without diacritics, gives a member of another region nothing of a region they may not read, refuses
 * bad parameters with problems naming them, finds a word inside an uploaded PDF, searches as of a past instant, and
 * equals an index built from the stored events in one pass.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchHttpTest {

    static final Path DATA_DIR = TestApplication.newDataDir("souhra-search");
    static final String ADMIN_PASSWORD = "zluty-kocour-na-plote-7";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    SearchIndex index;

    @Autowired
    EventStore events;

    WebTestClient admin;
    WebTestClient secretary;
    WebTestClient liberec;
    WebTestClient usti;
    String meeting;

    @Autowired
    cz.souhra.query.search.AttachmentText attachmentTexts;

    @BeforeAll
    void clients() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        admin = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
        secretary = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("tajemnice", "zapis-z-porady-pod-javorem-1")).build();
        liberec = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("uprace", "heslo-uradu-prace-1")).build();
        usti = anonymous.mutate().defaultHeaders(h -> h.setBasicAuth("ustecky", "heslo-usteckeho-kraje-1")).build();
    }

    private String post(WebTestClient client, String path, String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
        return body == null ? null : String.valueOf(body.get("id"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> search(WebTestClient client, String query) {
        return client.get().uri("/api/search?" + query).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("hits")).stream().map(h -> h.get("kind") + " " + h.get("title")).toList();
    }

    @Test
    @Order(1)
    void records_of_two_regions_are_found_by_word_forms_without_diacritics_and_only_by_their_readers() {
        post(admin, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Libereckého kraje\"}");
        post(admin, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce v Liberci\"}");
        post(admin, "/api/institutions", "{\"code\":\"KUUK\",\"region\":\"ULK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Ústeckého kraje\"}");
        String body = post(admin, "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Skupina ubytovny\",\"cadence\":\"quarterly\"}");
        post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"KULK\"}");
        post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"UPLB\"}");
        post(admin, "/api/admin/users", "{\"user\":\"tajemnice\",\"password\":\"zapis-z-porady-pod-javorem-1\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"]}");
        post(admin, "/api/admin/users", "{\"user\":\"uprace\",\"password\":\"heslo-uradu-prace-1\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}");
        post(admin, "/api/admin/users", "{\"user\":\"ustecky\",\"password\":\"heslo-usteckeho-kraje-1\",\"institution\":\"KUUK\",\"roles\":[\"MEMBER\"]}");
        post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"tajemnice\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> liberec.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.regions[0]").isEqualTo("LBK"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> usti.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.regions[0]").isEqualTo("ULK"));
        meeting = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec\"}");
        post(liberec, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny v Doubí\","
                + "\"description\":\"Stížnosti sousedů na hluk v ubytovnách agenturních pracovníků\",\"locality\":\"Liberec-Doubí\",\"observedOn\":\"2026-02-20\"}");
        post(secretary, "/api/meetings/" + meeting + "/agenda-items", "{\"title\":\"Ubytovny v Doubí\",\"presenter\":\"UPLB\"}");
        post(usti, "/api/issues", "{\"region\":\"ULK\",\"category\":\"AGENCY_EMPLOYMENT\",\"title\":\"Přeplněná ubytovna v Žatci\","
                + "\"locality\":\"Žatec\",\"observedOn\":\"2026-02-21\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(titles(search(admin, "q=ubytovna"))).hasSize(3));
        assertThat(titles(search(liberec, "q=ubytovna"))).containsExactlyInAnyOrder("ISSUE Napětí u ubytovny v Doubí", "AGENDA_ITEM Ubytovny v Doubí");
        assertThat(titles(search(liberec, "q=agenturnich+pracovnik"))).containsExactly("ISSUE Napětí u ubytovny v Doubí");
        assertThat(titles(search(usti, "q=ubytovna"))).containsExactly("ISSUE Přeplněná ubytovna v Žatci");
        Map<String, Object> nothing = search(usti, "q=doubi");
        assertThat(nothing.get("total")).isEqualTo(0);
        assertThat(titles(search(admin, "q=ubytovna&kind=agenda_item&region=LBK&body=" + body))).containsExactly("AGENDA_ITEM Ubytovny v Doubí");
        admin.get().uri(b -> b.path("/api/search").queryParam("q", "{q}").build("\"agenturních pracovníků\"")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.hits[0].snippet").value(s -> assertThat((String) s).contains("<mark>agenturních pracovníků</mark>"));
    }

    @Test
    @Order(2)
    void bad_parameters_are_refused_with_problems_naming_them() {
        refused("kind=ISSUE", "q", "cs");
        refused("q=ubytovna&kind=FOLDER", "kind", "cs");
        refused("q=ubytovna&region=XX", "region", "en");
        refused("q=ubytovna&body=not-a-body", "body", "en");
        refused("q=ubytovna&size=1000", "size", "en");
        refused("q=ubytovna&page=gestern", "page", "en");
        refused("q=ubytovna&asOf=gestern", "asOf", "en");
    }

    private void refused(String query, String field, String language) {
        admin.get().uri("/api/search?" + query).header("Accept-Language", language).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_QUERY").jsonPath("$.field").isEqualTo(field)
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith(language.equals("en") ? "Invalid query parameter" : "Neplatný parametr"));
    }

    @Test
    @Order(3)
    void a_word_inside_an_uploaded_pdf_is_found_by_the_readers_of_its_meeting_and_a_past_search_finds_what_stood_then() {
        java.time.Instant before = java.time.Instant.now();
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        parts.part("file", new org.springframework.core.io.ByteArrayResource(
                cz.souhra.infra.attachments.Files4Tests.pdf("Požární únikové cesty v ubytovnách ve Vesci byly zkontrolovány.", 0)) {
            @Override
            public String getFilename() {
                return "Zpráva hasičů.pdf";
            }
        });
        secretary.post().uri("/api/meetings/" + meeting + "/attachments").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts.build())).exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(titles(search(liberec, "q=unikove+cesta"))).containsExactly("ATTACHMENT Zpráva hasičů.pdf"));
        @SuppressWarnings("unchecked")
        Map<String, Object> hit = ((List<Map<String, Object>>) search(liberec, "q=unikove+cesta").get("hits")).get(0);
        assertThat(hit).containsEntry("recordKind", "MEETING").containsEntry("recordId", meeting);
        assertThat((String) hit.get("snippet")).contains("<mark>únikové</mark>");
        assertThat(search(usti, "q=unikove+cesta").get("total")).isEqualTo(0);
        assertThat(search(admin, "q=unikove+cesta&asOf=" + before).get("total")).isEqualTo(0);
        assertThat(search(admin, "q=unikove+cesta&asOf=" + java.time.Instant.now()).get("total")).isEqualTo(1);
        assertThat(titles(search(admin, "q=ubytovna&asOf=" + before))).contains("ISSUE Napětí u ubytovny v Doubí");
    }

    @Test
    @Order(4)
    void the_live_index_equals_one_built_from_the_stored_events_and_lives_in_the_data_directory() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (SearchIndex rebuilt = SearchIndex.inMemory(attachmentTexts); BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                while (stream.hasNextAvailable()) {
                    TrackedEventMessage<?> e = stream.nextAvailable();
                    if (e instanceof DomainEventMessage<?>) {
                        rebuilt.apply(e.getPayload(), EventMeta.of(e));
                    }
                }
                rebuilt.commit();
                assertThat(index.digest()).isEqualTo(rebuilt.digest());
            }
        });
        assertThat(Files.readString(DATA_DIR.resolve("search").resolve("node-id"))).isNotBlank();
        assertThat(DATA_DIR.resolve("search").resolve("index")).isDirectory();
    }
}
