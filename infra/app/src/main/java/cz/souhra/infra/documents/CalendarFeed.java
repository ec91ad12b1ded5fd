package cz.souhra.infra.documents;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.stereotype.Component;

import cz.souhra.shared.queries.MeasureView;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * ICS feeds of meetings and measure deadlines (RFC 5545). The UID is stable per record and SEQUENCE is
 * the record's version, so calendar clients replace a rescheduled meeting or an extended deadline instead
 * of adding a second one; a cancelled one stays in the feed with STATUS:CANCELLED so that clients remove it.
 * Meeting times are UTC DATE-TIMEs (no TZID: RFC 5545 §3.3.5 form 2), deadlines are all-day events (a
 * DATE and the next day as DTEND), which every calendar application shows on that day.
 */
@Component
class CalendarFeed {

    private static final Duration DEFAULT_LENGTH = Duration.ofHours(3);
    /** RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, excluding the line break. */
    static final int MAX_LINE_OCTETS = 75;
    /** RFC 5545 DATE and DATE-TIME have four-digit years. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    private final Clock clock;

    CalendarFeed(Clock clock) {
        this.clock = clock;
    }

    byte[] render(String name, List<Document> meetings, Function<String, String> bodyName) {
        return render(name, meetings, bodyName, List.of());
    }

    byte[] render(String name, List<Document> meetings, Function<String, String> bodyName, List<MeasureView> measures) {
        Instant stamp = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Souhra//Jednání " + name + "//CS"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        for (Document m : meetings) {
            Instant start = Instant.parse(m.getString("startsAt")).truncatedTo(ChronoUnit.SECONDS);
            if (start.isBefore(FIRST) || start.isAfter(LAST)) {
                // Not expressible in iCalendar at all; any other client of the feed would reject the whole file.
                continue;
            }
            Instant end = start.plus(DEFAULT_LENGTH);
            VEvent event = event(m.getString("_id") + "@souhra", ((Number) m.get("version")).longValue(), stamp,
                    "Jednání: " + bodyName.apply(m.getString("bodyId")), "CANCELLED".equals(m.getString("status")));
            event.add(new DtStart<>(start));
            event.add(new DtEnd<>(end.isAfter(LAST) ? LAST : end));
            if (m.getString("place") != null) {
                event.add(new Location(CsvExport.clean(m.getString("place"))));
            }
            calendar.add(event);
        }
        for (MeasureView v : measures) {
            if (v.dueDate() == null || v.dueDate().getYear() < 1 || v.dueDate().getYear() > 9999) {
                continue;
            }
            boolean withdrawn = "CANCELLED".equals(v.status()) || "SUPERSEDED".equals(v.status());
            VEvent event = event("measure-" + v.measureId() + "@souhra", v.version(), stamp, "Termín opatření: " + v.title(), withdrawn);
            LocalDate due = v.dueDate();
            event.add(new DtStart<>(due));
            if (due.plusDays(1).getYear() <= 9999) {
                // Without DTEND an all-day event lasts the day anyway (RFC 5545 §3.6.1); some applications want it written.
                event.add(new DtEnd<>(due.plusDays(1)));
            }
            // A deadline is a marker, not an appointment: it does not make the owner busy that day.
            event.add(new Transp(Transp.VALUE_TRANSPARENT));
            event.add(new Description("Stav: " + v.status() + ", plnění " + v.percent() + " %" + (v.overdue() ? ", po termínu" : "")));
            calendar.add(event);
        }
        return write(calendar);
    }

    private static VEvent event(String uid, long version, Instant stamp, String summary, boolean cancelled) {
        VEvent event = new VEvent(false);
        event.add(new Uid(uid));
        event.add(new DtStamp(stamp));
        event.add(new Sequence((int) Math.min(Integer.MAX_VALUE, version)));
        event.add(new Summary(CsvExport.clean(summary)));
        event.add(new Status(cancelled ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        return event;
    }

    private static byte[] write(Calendar calendar) {
        StringWriter unfolded = new StringWriter();
        try {
            // Validated on the way out; ical4j folds by characters, so it writes unfolded lines and they are folded by octets below.
            new CalendarOutputter(true, Integer.MAX_VALUE).output(calendar, unfolded);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("Cannot write calendar", e);
        }
        return foldByOctets(unfolded.toString()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Folds every content line so that no physical line exceeds {@link #MAX_LINE_OCTETS} octets of UTF-8
     * (the continuation's leading space counts), never inside a character: Czech text is up to 2 octets a
     * letter, so a 75-character fold made lines of up to ~100 bytes.
     */
    static String foldByOctets(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 32);
        for (String line : unfolded.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = utf8Length(cp);
                if (octets + size > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
