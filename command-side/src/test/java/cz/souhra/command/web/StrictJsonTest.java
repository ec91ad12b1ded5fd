package cz.souhra.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.IssueCategory;

/**
 * The request reader guesses nothing: each input Jackson would coerce is refused, and the refusal names
 * the field and what it expected. The application mapper itself stays as it was.
 */
class StrictJsonTest {

    record Tally(int inFavour, int against) {}

    record Present(String institution, AttendanceStatus status) {}

    record Request(String title, LocalDate dueDate, Instant startsAt, IssueCategory category, Integer percent, boolean concluded,
                   Tally votes, List<Present> attendance) {}

    static final ObjectMapper BASE = Jackson2ObjectMapperBuilder.json().build();
    static final ObjectMapper STRICT = StrictJson.strict(BASE);

    static DomainException refusal(String json) {
        Throwable t = catchThrowable(() -> STRICT.readValue(json, Request.class));
        assertThat(t).as(json).isInstanceOf(JsonProcessingException.class);
        DomainException e = JsonRefusals.of((JsonProcessingException) t);
        assertThat(e).as("a refusal naming the field for " + json).isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        return e;
    }

    @Test
    void a_valid_request_is_read() throws Exception {
        Request r = STRICT.readValue("{\"title\":\"Ubytovna\",\"dueDate\":\"2027-12-31\",\"startsAt\":\"2027-01-15T09:00:00Z\",\"category\":\"SCHOOLS\","
                + "\"percent\":40,\"concluded\":true,\"votes\":{\"inFavour\":5,\"against\":1},\"attendance\":[{\"institution\":\"MML\",\"status\":\"DELEGATE\"}],"
                + "\"unknown\":1}", Request.class);
        assertThat(r.dueDate()).isEqualTo(LocalDate.parse("2027-12-31"));
        assertThat(r.votes().inFavour()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"dueDate\":20271231}|dueDate|JSON_EXPECTED_DATE",
            "{\"dueDate\":\"2027-02-30\"}|dueDate|JSON_EXPECTED_DATE",
            "{\"dueDate\":\"31.12.2027\"}|dueDate|JSON_EXPECTED_DATE",
            "{\"dueDate\":[2027,12,31]}|dueDate|JSON_EXPECTED_DATE",
            "{\"dueDate\":true}|dueDate|JSON_EXPECTED_DATE",
            "{\"startsAt\":1800000000}|startsAt|JSON_EXPECTED_INSTANT",
            "{\"startsAt\":1.8E9}|startsAt|JSON_EXPECTED_INSTANT",
            "{\"startsAt\":\"2027-01-15 09:00\"}|startsAt|JSON_EXPECTED_INSTANT",
            "{\"category\":3}|category|JSON_EXPECTED_ENUM",
            "{\"category\":\"NO_SUCH\"}|category|JSON_EXPECTED_ENUM",
            "{\"category\":\"schools\"}|category|JSON_EXPECTED_ENUM",
            "{\"category\":\"\"}|category|JSON_EXPECTED_ENUM",
            "{\"title\":12}|title|JSON_EXPECTED_TEXT",
            "{\"title\":true}|title|JSON_EXPECTED_TEXT",
            "{\"title\":1.5}|title|JSON_EXPECTED_TEXT",
            "{\"title\":{\"a\":1}}|title|JSON_EXPECTED_TEXT",
            "{\"percent\":40.5}|percent|JSON_EXPECTED_INTEGER",
            "{\"percent\":\"40\"}|percent|JSON_EXPECTED_INTEGER",
            "{\"percent\":true}|percent|JSON_EXPECTED_INTEGER",
            "{\"votes\":{\"inFavour\":2.0}}|votes.inFavour|JSON_EXPECTED_INTEGER",
            "{\"concluded\":1}|concluded|JSON_EXPECTED_BOOLEAN",
            "{\"concluded\":\"true\"}|concluded|JSON_EXPECTED_BOOLEAN",
            "{\"attendance\":[{\"institution\":\"MML\",\"status\":\"PRESENT\"}]}|attendance[0].status|JSON_EXPECTED_ENUM",
            "{\"attendance\":[{\"institution\":\"MML\",\"status\":0}]}|attendance[0].status|JSON_EXPECTED_ENUM",
            "{\"dueDate\":\"2027-12-31\",\"dueDate\":\"2028-01-01\"}|dueDate|JSON_DUPLICATE_KEY",
            "{\"votes\":{\"inFavour\":1,\"inFavour\":2}}|votes.inFavour|JSON_DUPLICATE_KEY",
            "{\"title\":\"a\"} {\"title\":\"b\"}|body|JSON_TRAILING",
            "{\"title\":\"a\"} 1|body|JSON_TRAILING",
    })
    void a_value_jackson_would_coerce_is_refused_naming_the_field(String json, String field, String code) {
        DomainException e = refusal(json);
        assertThat(e.code()).as(json).isEqualTo(code);
        assertThat(e.field()).as(json).isEqualTo(field);
    }

    @Test
    void text_that_is_not_json_after_the_value_is_a_syntax_error_answered_as_malformed() {
        Throwable t = catchThrowable(() -> STRICT.readValue("{\"title\":\"a\"}]", Request.class));
        assertThat(t).isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        assertThat(JsonRefusals.of((JsonProcessingException) t)).isNull();
    }

    @Test
    void an_invalid_calendar_date_names_the_field_and_the_value() {
        DomainException e = refusal("{\"dueDate\":\"2027-02-30\"}");
        assertThat(e.message(java.util.Locale.ENGLISH)).isEqualTo("Field \"dueDate\": 2027-02-30 is not a date in the form YYYY-MM-DD.");
        assertThat(e.message(java.util.Locale.forLanguageTag("cs"))).isEqualTo("Pole „dueDate“: 2027-02-30 není datum ve tvaru RRRR-MM-DD.");
    }

    @Test
    void text_sent_where_a_whole_number_belongs_is_named_in_the_refusal() {
        DomainException e = refusal("{\"percent\":\"abc\"}");
        assertThat(e.code()).isEqualTo("JSON_EXPECTED_INTEGER");
        assertThat(e.message(java.util.Locale.ENGLISH)).isEqualTo("Field \"percent\": abc is not a whole number.");
        assertThat(e.message(java.util.Locale.forLanguageTag("cs"))).isEqualTo("Pole „percent“: abc není celé číslo.");
    }

    @Test
    void the_application_mapper_is_not_made_strict() throws Exception {
        assertThat(BASE.readValue("{\"percent\":\"40\"}", Request.class).percent()).isEqualTo(40);
        assertThat(BASE.readValue("{\"title\":\"a\"} x", Request.class).title()).isEqualTo("a");
    }
}
