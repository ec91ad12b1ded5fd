package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cz.souhra.shared.queries.MeasureView;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;

/** The ICS feeds are RFC 5545 as ical4j's parser and validator read it, not as a string looks. */
class CalendarFeedTest {

    private static final String LONG_PLACE = "Krajský úřad Libereckého kraje, velká zasedací místnost č. 2 v přízemí budovy A, "
            + "U Jezu 642/2a, Liberec – vchod od parkoviště, žádejte na vrátnici průkaz účastníka jednání";

    private final CalendarFeed feed = new CalendarFeed(Clock.fixed(Instant.parse("2026-03-02T08:00:00.123Z"), ZoneOffset.UTC));

    @Test
    void meetings_and_deadlines_parse_and_pass_ical4j_validation_with_utc_times_without_tzid() throws Exception {
        byte[] ics = feed.render("Pracovní skupina pro bydlení", List.of(
                meeting("M1", "2026-11-20T09:00:00Z", LONG_PLACE, "SCHEDULED", 3),
                meeting("M2", "2026-12-01T13:30:00Z", null, "CANCELLED", 5)), b -> "Pracovní skupina pro bydlení",
                List.of(measure("MS1", "Zmapovat agenturní ubytovny v Liberci a v Jablonci nad Nisou a navrhnout řešení", LocalDate.of(2026, 6, 30), "IN_PROGRESS"),
                        measure("MS2", "Zrušené opatření", LocalDate.of(2026, 7, 31), "CANCELLED")));

        Calendar calendar = parse(ics);
        ValidationResult result = calendar.validate();
        assertThat(result.hasErrors()).as(result.toString()).isFalse();

        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(4);
        VEvent first = byUid(events, "M1@souhra");
        assertThat(first.getProperty(Property.DTSTART).orElseThrow().getParameters()).isEmpty();
        assertThat(first.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20261120T090000Z");
        assertThat(first.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20261120T120000Z");
        assertThat(first.getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo(LONG_PLACE);
        assertThat(first.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("3");
        assertThat(first.getProperty(Property.DTSTAMP).orElseThrow().getValue()).isEqualTo("20260302T080000Z");
        assertThat(byUid(events, "M2@souhra").getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");

        VEvent deadline = byUid(events, "measure-MS1@souhra");
        assertThat(deadline.getProperty(Property.DTSTART).orElseThrow().toString().trim()).isEqualTo("DTSTART;VALUE=DATE:20260630");
        assertThat(deadline.getProperty(Property.DTEND).orElseThrow().toString().trim()).isEqualTo("DTEND;VALUE=DATE:20260701");
        assertThat(deadline.getSummary().getValue()).isEqualTo("Termín opatření: Zmapovat agenturní ubytovny v Liberci a v Jablonci nad Nisou a navrhnout řešení");
        assertThat(byUid(events, "measure-MS2@souhra").getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");

        String text = new String(ics, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("TZID");
    }

    @Test
    void long_czech_lines_are_folded_at_75_octets_with_crlf_and_unfold_to_the_original() throws Exception {
        byte[] ics = feed.render("Skupina", List.of(meeting("M1", "2026-11-20T09:00:00Z", LONG_PLACE, "SCHEDULED", 1)), b -> "Skupina");

        assertThat(LONG_PLACE.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 * CalendarFeed.MAX_LINE_OCTETS);
        List<byte[]> lines = splitOnCrlf(ics);
        assertThat(lines).allSatisfy(line -> assertThat(line.length).isLessThanOrEqualTo(75));
        assertThat(lines.stream().filter(l -> l.length > 0 && l[0] == ' ').count()).as("continuation lines").isGreaterThanOrEqualTo(2);
        // every line ends in CRLF: no LF without its CR, no CR without its LF
        String text = new String(ics, StandardCharsets.UTF_8);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text).endsWith("END:VCALENDAR\r\n");
        // each physical line is valid UTF-8 on its own: no character was cut
        for (byte[] line : lines) {
            assertThat(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line)).toString()).isNotNull();
        }
        assertThat(((VEvent) parse(ics).getComponents(Component.VEVENT).get(0)).getProperty(Property.LOCATION).orElseThrow().getValue())
                .isEqualTo(LONG_PLACE);
    }

    @Test
    void control_characters_and_bidi_overrides_are_not_written_into_calendar_texts() throws Exception {
        byte[] ics = feed.render("Skupina", List.of(meeting("M1", "2026-11-20T09:00:00Z", "Sál \u202Egpj.exe\u202C\u0000 B", "SCHEDULED", 1)),
                b -> "Skupina\u2066 X\u2069", List.of(measure("MS1", "Opatření\u0007 A", LocalDate.of(2026, 6, 30), "ADOPTED")));
        List<VEvent> events = parse(ics).getComponents(Component.VEVENT);
        assertThat(byUid(events, "M1@souhra").getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo("Sál gpj.exe B");
        assertThat(byUid(events, "M1@souhra").getSummary().getValue()).isEqualTo("Jednání: Skupina X");
        assertThat(byUid(events, "measure-MS1@souhra").getSummary().getValue()).isEqualTo("Termín opatření: Opatření A");
    }

    @Test
    void a_line_of_exactly_75_octets_is_not_folded_and_one_more_octet_is() {
        String exact = "LOCATION:" + "a".repeat(66);
        assertThat(CalendarFeed.foldByOctets(exact + "\r\n")).isEqualTo(exact + "\r\n");
        assertThat(CalendarFeed.foldByOctets(exact + "ž\r\n")).isEqualTo(exact + "\r\n ž\r\n");
        assertThat(CalendarFeed.foldByOctets("SUMMARY:" + "😀".repeat(20) + "\r\n").split("\r\n"))
                .allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    @Test
    void meetings_in_the_far_past_and_far_future_are_written_as_valid_four_digit_dates() throws Exception {
        byte[] ics = feed.render("Skupina", List.of(
                meeting("PAST", "0001-01-01T00:00:00Z", "Archiv", "SCHEDULED", 1),
                meeting("FAR", "9999-12-31T22:00:00Z", "Budoucnost", "SCHEDULED", 1),
                meeting("Y2100", "2100-02-28T23:30:00Z", "Přestupný rok ne", "SCHEDULED", 1)), b -> "Skupina",
                List.of(measure("LAST", "Poslední termín", LocalDate.of(9998, 12, 31), "ADOPTED"),
                        measure("END", "Úplně poslední termín", LocalDate.of(9999, 12, 31), "ADOPTED")));

        Calendar calendar = parse(ics);
        ValidationResult result = calendar.validate();
        assertThat(result.hasErrors()).as(result.toString()).isFalse();
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(byUid(events, "PAST@souhra").getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("00010101T000000Z");
        assertThat(byUid(events, "FAR@souhra").getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("99991231T220000Z");
        // three hours later is year 10000, which no iCalendar date can hold: the event ends at the last second of 9999
        assertThat(byUid(events, "FAR@souhra").getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("99991231T235959Z");
        assertThat(byUid(events, "Y2100@souhra").getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("21000301T023000Z");
        assertThat(byUid(events, "measure-LAST@souhra").getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("99990101");
        // the next day would be year 10000: without DTEND the all-day event still lasts its day
        assertThat(byUid(events, "measure-END@souhra").getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("99991231");
        assertThat(byUid(events, "measure-END@souhra").getProperty(Property.DTEND)).isEmpty();
    }

    private static Document meeting(String id, String startsAt, String place, String status, int version) {
        return new Document("_id", id).append("bodyId", "B1").append("startsAt", startsAt).append("place", place).append("status", status)
                .append("version", version);
    }

    private static MeasureView measure(String id, String title, LocalDate due, String status) {
        return new MeasureView(id, "LBK", "B1", "M1", "R1", title, null, "UPLB", due, status, 40, false, Instant.parse("2026-03-01T10:00:00Z"),
                null, List.of(), null, 4, Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static Calendar parse(byte[] ics) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(ics));
    }

    private static VEvent byUid(List<VEvent> events, String uid) {
        return events.stream().filter(e -> e.getUid().orElseThrow().getValue().equals(uid)).findFirst().orElseThrow();
    }

    private static List<byte[]> splitOnCrlf(byte[] bytes) {
        List<byte[]> lines = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 2;
                i++;
            }
        }
        return lines;
    }
}
