package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 29's acceptance: each input that was once accepted and stored (listed under "Why") and 200 more
 * of the same kinds, generated systematically, is refused over real HTTP with a 400 or 422 problem that
 * names the field, and the event store holds as many events afterwards as before. Shares the running
 * application of the security tests (same configuration, cached context; its clock stands still).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidInputAcceptanceTest extends SecuredApplicationTest {

    static final String PW = "Validace-Heslo-";
    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Autowired
    MongoTemplate mongo;

    @Autowired
    cz.souhra.query.TestClock clock;

    String body;
    String meeting;
    String future;
    String resolution;
    String issue;
    String measure;
    LocalDate today;

    /** One input: who sends what where, and the field the refusal must name. */
    record Case(String why, Supplier<WebTestClient> client, String path, String json, String field) {}

    WebTestClient secretary() {
        return as("va-sek", PW + "sek");
    }

    WebTestClient member() {
        return as("va-clen", PW + "clen");
    }

    @BeforeAll
    void history() {
        Instant now = clock.instant();
        today = LocalDate.ofInstant(now, PRAGUE);
        for (int i = 1; i <= 12; i++) {
            post(admin(), "/api/institutions", "{\"code\":\"VA%02d\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Instituce %d\"}".formatted(i, i), 201);
        }
        post(admin(), "/api/institutions", "{\"code\":\"VAOL\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Zaniklý spolek\"}", 201);
        post(admin(), "/api/institutions/VAOL/retire", "{\"reason\":\"zánik\"}", 202);
        body = post(admin(), "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"PLATFORM\",\"name\":\"Platforma validace\",\"quorumPercent\":50,"
                + "\"quorumStrictlyMore\":false}", 201);
        for (int i = 1; i <= 12; i++) {
            post(admin(), "/api/bodies/" + body + "/members", "{\"institution\":\"VA%02d\"}".formatted(i), 202);
        }
        ensureUser("va-sek", PW + "sek", "VA01", "SECRETARY");
        ensureUser("va-clen", PW + "clen", "VA02", "MEMBER");
        post(admin(), "/api/bodies/" + body + "/secretaries", "{\"user\":\"va-sek\"}", 202);
        Instant held = now.minus(Duration.ofDays(10));
        meeting = post(secretary(), "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"" + held + "\",\"place\":\"Kraj\"}", 201);
        StringBuilder sheet = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            sheet.append(i > 1 ? "," : "").append("{\"institution\":\"VA%02d\",\"status\":\"%s\",\"delegate\":\"Delegát %d\"}"
                    .formatted(i, i <= 6 ? "DELEGATE" : "ABSENT", i));
        }
        post(secretary(), "/api/meetings/" + meeting + "/convene", "{\"convenedAt\":\"" + held + "\",\"attendance\":[" + sheet + "]}", 202);
        resolution = post(secretary(), "/api/meetings/" + meeting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Ukládá se.\"}", 201);
        issue = post(member(), "/api/issues", "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"Kapacity škol\",\"raisedBy\":\"VA02\"}", 201);
        measure = post(secretary(), "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures",
                "{\"title\":\"Zmapovat kapacity\",\"owner\":\"VA02\",\"dueDate\":\"" + today.plusDays(30) + "\",\"addresses\":[\"" + issue + "\"]}", 201);
        future = post(secretary(), "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"" + now.plus(Duration.ofDays(30)) + "\",\"place\":\"Kraj\"}", 201);
    }

    @Test
    void every_input_of_the_issue_and_200_more_of_its_kinds_are_refused_naming_the_field_and_nothing_is_stored() {
        List<Case> cases = new ArrayList<>(fromTheIssue());
        List<Case> generated = generated();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(200);
        cases.addAll(generated);

        long before = settledEventCount();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            EntityExchangeResult<Map> r = c.client().get().post().uri(c.path()).contentType(MediaType.APPLICATION_JSON)
                    .header("Accept-Language", "en").bodyValue(c.json()).exchange().expectBody(Map.class).returnResult();
            int status = r.getStatus().value();
            Map<?, ?> problem = r.getResponseBody();
            Object field = problem == null ? null : problem.get("field");
            if ((status != 400 && status != 422) || !c.field().equals(field) || problem.get("detail") == null || problem.get("code") == null) {
                failures.add(c.why() + ": " + status + " " + problem);
            }
        }
        assertThat(failures).as("inputs not refused with their field named (of " + cases.size() + ")").isEmpty();
        assertThat(settledEventCount()).as("events stored by " + cases.size() + " refused requests").isEqualTo(before);
    }

    @Test
    void a_refusal_reads_in_czech_or_english_by_accept_language() {
        String json = "{\"region\":\"XYZ\",\"category\":\"SCHOOLS\",\"title\":\"Překlep v kraji\",\"raisedBy\":\"VA02\"}";
        Map<?, ?> cs = member().post().uri("/api/issues").contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "cs").bodyValue(json)
                .exchange().expectStatus().isEqualTo(422).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(cs.get("code")).isEqualTo("UNKNOWN_REGION");
        assertThat((String) cs.get("detail")).startsWith("Pole „region“: „XYZ“ není kód kraje");
        assertThat((String) cs.get("messageEn")).startsWith("Field \"region\": \"XYZ\" is not a region code");
    }

    /** The inputs listed under "Why" in issue 29, each of which was accepted and stored before. */
    List<Case> fromTheIssue() {
        String adopt = "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures";
        String progress = "/api/measures/" + measure + "/progress";
        String substituteSheet = "{\"convenedAt\":\"%s\",\"attendance\":[{\"institution\":\"VA01\",\"status\":\"SUBSTITUTE\"}]}";
        return List.of(
                new Case("dueDate as a number", this::secretary, adopt, measureJson("\"dueDate\":20271231"), "dueDate"),
                new Case("dueDate before the adopting meeting", this::secretary, adopt, measureJson("\"dueDate\":\"2020-01-01\""), "dueDate"),
                new Case("meeting starting in year 0", this::secretary, "/api/meetings", schedule("0000-01-01T00:00:00Z"), "startsAt"),
                new Case("meeting starting in year 99999", this::secretary, "/api/meetings", schedule("+99999-01-01T00:00:00Z"), "startsAt"),
                new Case("progress dated 2099-12-31", this::member, progress, "{\"percent\":10,\"effectiveOn\":\"2099-12-31\"}", "effectiveOn"),
                new Case("progress dated before the measure existed", this::member, progress, "{\"percent\":10,\"effectiveOn\":\"2000-01-01\"}", "effectiveOn"),
                new Case("secretary who is no user", this::admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"nikdo\"}", "user"),
                new Case("user of an unknown institution", this::admin, "/api/admin/users",
                        "{\"user\":\"va-novy\",\"password\":\"" + PW + "novy\",\"institution\":\"NEEXISTUJE\",\"roles\":[\"MEMBER\"]}", "institution"),
                new Case("issue raised by an unknown institution", this::member, "/api/issues", issueJson("\"raisedBy\":\"NEEXISTUJE\""), "raisedBy"),
                new Case("agenda item linked to an unknown issue", this::secretary, "/api/meetings/" + future + "/agenda-items",
                        "{\"title\":\"Bod\",\"issues\":[\"" + UUID.randomUUID() + "\"]}", "issues[0]"),
                new Case("agenda item linked to a meeting's id", this::secretary, "/api/meetings/" + future + "/agenda-items",
                        "{\"title\":\"Bod\",\"issues\":[\"" + issue + "\",\"" + meeting + "\"]}", "issues[1]"),
                new Case("category as a number", this::member, "/api/issues", "{\"region\":\"LBK\",\"category\":3,\"title\":\"Číslo\"}", "category"),
                new Case("500 votes in favour in a body of 12", this::secretary, "/api/meetings/" + meeting + "/resolutions",
                        "{\"text\":\"Usnesení\",\"votes\":{\"inFavour\":500,\"against\":0,\"abstained\":0}}", "votes"),
                new Case("9 votes in favour with 6 present", this::secretary, "/api/meetings/" + meeting + "/resolutions",
                        "{\"text\":\"Usnesení\",\"votes\":{\"inFavour\":9,\"against\":0,\"abstained\":0}}", "votes"),
                new Case("a substitute with no name", this::secretary, "/api/meetings/" + future + "/convene",
                        substituteSheet.formatted(clock.instant().minusSeconds(60)), "attendance[0].substitute"),
                new Case("an issue in region XYZ", this::member, "/api/issues", issueJson("\"region\":\"XYZ\"").replace("\"region\":\"LBK\",", ""), "region"),
                new Case("NUL in a title", this::member, "/api/issues", issueJson("\"title\":\"a\\u0000b\"").replace("\"title\":\"Podnět\",", ""), "title"),
                new Case("U+202E in a title", this::member, "/api/issues", issueJson("\"title\":\"fdp.\\u202Eexe\"").replace("\"title\":\"Podnět\",", ""), "title"),
                new Case("lone surrogate in a title", this::member, "/api/issues", issueJson("\"title\":\"x\\ud800y\"").replace("\"title\":\"Podnět\",", ""), "title"),
                new Case("meeting scheduled later convened now", this::secretary, "/api/meetings/" + future + "/convene",
                        "{\"attendance\":[{\"institution\":\"VA01\",\"status\":\"DELEGATE\",\"delegate\":\"Jana\"}]}", "convenedAt"),
                new Case("meeting closed in the future", this::secretary, "/api/meetings/" + meeting + "/close",
                        "{\"closedAt\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}", "closedAt"),
                new Case("a duplicate key", this::member, progress, "{\"percent\":10,\"percent\":20}", "percent"),
                new Case("text after the JSON value", this::member, progress, "{\"percent\":10} {\"percent\":20}", "body"));
    }

    /** 200 and more inputs of the same kinds, generated over the characters, dates, codes and ids that break each rule. */
    List<Case> generated() {
        List<Case> out = new ArrayList<>();
        String progress = "/api/measures/" + measure + "/progress";
        String adopt = "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures";
        String agenda = "/api/meetings/" + future + "/agenda-items";
        // every C0 and C1 control character in a one-line title, where tab and new line are refused too
        for (int c = 0; c <= 0x9F; c = c == 0x1F ? 0x7F : c + 1) {
            out.add(new Case("U+%04X in a title".formatted(c), this::member, "/api/issues",
                    "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"a\\u%04xb\"}".formatted(c), "title"));
        }
        // control characters other than tab and new line in a long text
        for (int c : new int[] {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x7F, 0x85}) {
            out.add(new Case("U+%04X in a description".formatted(c), this::member, "/api/issues",
                    "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"Podnět\",\"description\":\"řádek\\u%04xdalší\"}".formatted(c), "description"));
        }
        // bidi embeddings, overrides and isolates in a title and in an agenda item
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            out.add(new Case("U+%04X in a title".formatted(c), this::member, "/api/issues",
                    "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"abc\\u%04xdef\"}".formatted(c), "title"));
            out.add(new Case("U+%04X in an agenda item".formatted(c), this::secretary, agenda, "{\"title\":\"Bod \\u%04x1\"}".formatted(c), "title"));
        }
        // lone surrogates at the start, in the middle and at the end
        for (String s : new String[] {"\\ud800", "\\udbff", "\\udc00", "\\udfff"}) {
            for (String text : new String[] {s + "abc", "ab" + s + "c", "abc" + s}) {
                out.add(new Case("lone surrogate " + text, this::member, "/api/issues",
                        "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"Podnět\",\"description\":\"" + text + "\"}", "description"));
            }
        }
        // days outside 2000-01-01 … 2100-12-31
        for (String day : new String[] {"1999-12-31", "2101-01-01", "0001-01-01", "1900-06-15", "9999-12-31"}) {
            out.add(new Case("dueDate " + day, this::secretary, adopt, measureJson("\"dueDate\":\"" + day + "\""), "dueDate"));
            out.add(new Case("effectiveOn " + day, this::member, progress, "{\"percent\":10,\"effectiveOn\":\"" + day + "\"}", "effectiveOn"));
            out.add(new Case("observedOn " + day, this::member, "/api/issues", issueJson("\"observedOn\":\"" + day + "\""), "observedOn"));
        }
        for (String at : new String[] {"1999-12-31T22:59:59Z", "2100-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z"}) {
            out.add(new Case("startsAt " + at, this::secretary, "/api/meetings", schedule(at), "startsAt"));
        }
        // numbers and other JSON values where a date is expected
        for (String n : new String[] {"20271231", "0", "-1", "1700000000", "2.5", "true", "[2027,12,31]"}) {
            out.add(new Case("dueDate " + n, this::secretary, adopt, measureJson("\"dueDate\":" + n), "dueDate"));
            out.add(new Case("observedOn " + n, this::member, "/api/issues", issueJson("\"observedOn\":" + n), "observedOn"));
            out.add(new Case("effectiveOn " + n, this::member, progress, "{\"percent\":10,\"effectiveOn\":" + n + "}", "effectiveOn"));
            out.add(new Case("startsAt " + n, this::secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":" + n + ",\"place\":\"Kraj\"}", "startsAt"));
        }
        // calendar dates that do not exist, and other spellings
        for (String day : new String[] {"2027-02-30", "2027-13-01", "2027-00-10", "2026-04-31", "31.12.2027", "2027/12/31", "2027-1-5", ""}) {
            out.add(new Case("dueDate '" + day + "'", this::secretary, adopt, measureJson("\"dueDate\":\"" + day + "\""), "dueDate"));
        }
        // reports and observations dated after today
        for (int d = 1; d <= 5; d++) {
            out.add(new Case("effectiveOn today+" + d, this::member, progress, "{\"percent\":10,\"effectiveOn\":\"" + today.plusDays(d) + "\"}", "effectiveOn"));
            out.add(new Case("observedOn today+" + d, this::member, "/api/issues", issueJson("\"observedOn\":\"" + today.plusDays(d * 30L) + "\""), "observedOn"));
        }
        // region codes that are not one of the 14
        for (String code : new String[] {"XYZ", "LBC", "ULL", "PRG", "BRN", "CZE", "CZ", "LIB", "CZ051", "ZZZ"}) {
            out.add(new Case("issue in " + code, this::member, "/api/issues", "{\"region\":\"" + code + "\",\"category\":\"SCHOOLS\",\"title\":\"Podnět\"}", "region"));
            out.add(new Case("body in " + code, this::admin, "/api/bodies", "{\"region\":\"" + code + "\",\"kind\":\"PLATFORM\",\"name\":\"Platforma\"}", "region"));
        }
        // references to records that do not exist, are of another kind or no longer act
        for (String code : new String[] {"NEEXISTUJE", "NIKDO", "VA13", "VA99", "VAOL"}) {
            out.add(new Case("raisedBy " + code, this::member, "/api/issues", issueJson("\"raisedBy\":\"" + code + "\""), "raisedBy"));
            out.add(new Case("owner " + code, this::secretary, adopt, measureJson("\"owner\":\"" + code + "\""), "owner"));
            out.add(new Case("member " + code, this::admin, "/api/bodies/" + body + "/members", "{\"institution\":\"" + code + "\"}", "institution"));
            out.add(new Case("user of " + code, this::admin, "/api/admin/users",
                    "{\"user\":\"va-" + code.toLowerCase() + "\",\"password\":\"" + PW + "x\",\"institution\":\"" + code + "\",\"roles\":[\"MEMBER\"]}", "institution"));
            out.add(new Case("presenter " + code, this::secretary, agenda, "{\"title\":\"Bod\",\"presenter\":\"" + code + "\"}", "presenter"));
        }
        for (String user : new String[] {"nikdo", "admin2", "va-nikdo", "x.y", "tajemnik"}) {
            out.add(new Case("secretary " + user, this::admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"" + user + "\"}", "user"));
        }
        for (String id : new String[] {UUID.randomUUID().toString(), UUID.randomUUID().toString(), meeting, measure, body, resolution}) {
            out.add(new Case("agenda link " + id, this::secretary, agenda, "{\"title\":\"Bod\",\"issues\":[\"" + issue + "\",\"" + id + "\"]}", "issues[1]"));
            out.add(new Case("addresses " + id, this::secretary, adopt, measureJson("\"addresses\":[\"" + id + "\"]"), "addresses[0]"));
        }
        for (String id : new String[] {UUID.randomUUID().toString(), meeting, issue}) {
            out.add(new Case("meeting of body " + id, this::secretary, "/api/meetings", "{\"bodyId\":\"" + id + "\",\"startsAt\":\"2026-09-01T09:00:00Z\",\"place\":\"Kraj\"}", "bodyId"));
        }
        // numbers where a name of a constant is expected
        for (int n = 0; n < 6; n++) {
            out.add(new Case("category " + n, this::member, "/api/issues", "{\"region\":\"LBK\",\"category\":" + n + ",\"title\":\"Číslo\"}", "category"));
        }
        for (String kind : new String[] {"0", "1", "\"ngo\"", "\"NEZNAMY\""}) {
            out.add(new Case("institution kind " + kind, this::admin, "/api/institutions", "{\"code\":\"VAXX\",\"region\":\"LBK\",\"kind\":" + kind + ",\"name\":\"X\"}", "kind"));
        }
        for (String status : new String[] {"0", "1", "\"present\"", "\"PRESENT\""}) {
            out.add(new Case("attendance status " + status, this::secretary, "/api/meetings/" + future + "/convene",
                    "{\"attendance\":[{\"institution\":\"VA01\",\"status\":" + status + "}]}", "attendance[0].status"));
        }
        // fractions and texts where a whole number is expected, numbers where a boolean is
        for (String p : new String[] {"40.5", "99.9", "1e2", "\"40\"", "true"}) {
            out.add(new Case("percent " + p, this::member, progress, "{\"percent\":" + p + "}", "percent"));
        }
        out.add(new Case("inFavour 1.5", this::secretary, "/api/meetings/" + meeting + "/resolutions",
                "{\"text\":\"Usnesení\",\"votes\":{\"inFavour\":1.5,\"against\":0,\"abstained\":0}}", "votes.inFavour"));
        out.add(new Case("concluded 1", this::secretary, "/api/meetings/" + meeting + "/agenda-items/" + UUID.randomUUID() + "/discussion",
                "{\"summary\":\"Shrnutí\",\"concluded\":1}", "concluded"));
        // votes beyond the 6 members present
        for (int[] v : new int[][] {{7, 0, 0}, {0, 7, 0}, {0, 0, 7}, {3, 3, 1}, {6, 1, 0}, {12, 0, 0}, {2, 2, 3}}) {
            out.add(new Case("votes " + v[0] + "/" + v[1] + "/" + v[2], this::secretary, "/api/meetings/" + meeting + "/resolutions",
                    "{\"text\":\"Usnesení\",\"votes\":{\"inFavour\":%d,\"against\":%d,\"abstained\":%d}}".formatted(v[0], v[1], v[2]), "votes"));
        }
        // a substitute without a name
        for (String name : new String[] {"", "   ", "null"}) {
            String value = name.equals("null") ? "null" : "\"" + name + "\"";
            out.add(new Case("substitute '" + name + "'", this::secretary, "/api/meetings/" + future + "/convene",
                    "{\"convenedAt\":\"" + clock.instant().minusSeconds(60) + "\",\"attendance\":[{\"institution\":\"VA01\",\"status\":\"DELEGATE\",\"delegate\":\"A\"},"
                            + "{\"institution\":\"VA02\",\"status\":\"SUBSTITUTE\",\"substitute\":" + value + "}]}", "attendance[1].substitute"));
        }
        // keys given twice and text after the value
        out.add(new Case("duplicate dueDate", this::secretary, adopt, "{\"title\":\"Opatření\",\"owner\":\"VA02\",\"dueDate\":\"" + today.plusDays(30)
                + "\",\"dueDate\":\"" + today.plusDays(40) + "\"}", "dueDate"));
        out.add(new Case("duplicate region", this::member, "/api/issues", issueJson("\"region\":\"ULK\""), "region"));
        out.add(new Case("duplicate nested key", this::secretary, "/api/meetings/" + meeting + "/resolutions",
                "{\"text\":\"U\",\"votes\":{\"inFavour\":1,\"inFavour\":2,\"against\":0,\"abstained\":0}}", "votes.inFavour"));
        for (String tail : new String[] {" {}", " 1", " \"x\"", " null", " []"}) {
            out.add(new Case("trailing" + tail, this::member, progress, "{\"percent\":10}" + tail, "body"));
        }
        // texts over their length
        out.add(new Case("title of 501", this::member, "/api/issues", issueJson("\"title\":\"" + "x".repeat(501) + "\"").replace("\"title\":\"Podnět\",", ""), "title"));
        out.add(new Case("reason of 2001", this::admin, "/api/institutions/VA12/retire", "{\"reason\":\"" + "x".repeat(2001) + "\"}", "reason"));
        return out;
    }

    /** A valid adoption with {@code extra} added; a default owner or due date is left out when {@code extra} gives one. */
    String measureJson(String extra) {
        return "{\"title\":\"Opatření\"," + (extra.contains("\"owner\"") ? "" : "\"owner\":\"VA02\",")
                + (extra.contains("\"dueDate\"") ? "" : "\"dueDate\":\"" + today.plusDays(30) + "\",") + extra + "}";
    }

    String issueJson(String extra) {
        return "{\"region\":\"LBK\",\"category\":\"SCHOOLS\",\"title\":\"Podnět\"," + extra + "}";
    }

    String schedule(String startsAt) {
        return "{\"bodyId\":\"" + body + "\",\"startsAt\":\"" + startsAt + "\",\"place\":\"Kraj\"}";
    }

    private long events() {
        return StoredEvents.count(mongo);
    }

    private long settledEventCount() {
        return StoredEvents.settled(mongo);
    }

    private static String post(WebTestClient client, String path, String json, int status) {
        return StoredEvents.post(client, path, json, status);
    }
}
