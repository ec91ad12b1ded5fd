package cz.souhra.infra.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.bson.Document;
import org.springframework.stereotype.Component;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * ICS feeds of meetings. The UID is stable per meeting and SEQUENCE is the meeting's record version, so
 * calendar clients replace a rescheduled meeting instead of adding a second one; a cancelled meeting
 * stays in the feed with STATUS:CANCELLED so that clients remove it.
 */
@Component
class CalendarFeed {

    private static final Duration DEFAULT_LENGTH = Duration.ofHours(3);

    byte[] render(String name, List<Document> meetings, java.util.function.Function<String, String> bodyName) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Souhra//Jednání " + name + "//CS"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        for (Document m : meetings) {
            ZonedDateTime start = Instant.parse(m.getString("startsAt")).atZone(ZoneOffset.UTC);
            VEvent event = new VEvent(start, start.plus(DEFAULT_LENGTH), "Jednání: " + bodyName.apply(m.getString("bodyId")));
            event.add(new Uid(m.getString("_id") + "@souhra"));
            event.add(new Sequence(String.valueOf(((Number) m.get("version")).intValue())));
            if (m.getString("place") != null) {
                event.add(new Location(m.getString("place")));
            }
            event.add(new Status("CANCELLED".equals(m.getString("status")) ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            calendar.add(event);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new CalendarOutputter(false).output(calendar, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write calendar", e);
        }
    }
}
