package cz.souhra.infra.reminders;

import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param beforeDue days before a measure's due date on which its owner's members are reminded
 * @param digestBefore days before a meeting on which its body's secretaries get the digest
 * @param from sender address of the reminders
 * @param zone the calendar that due dates and "days before" are counted in
 * @param baseUrl where the links in the e-mails point
 */
@ConfigurationProperties("souhra.reminders")
public record ReminderProperties(List<Integer> beforeDue, Integer digestBefore, String from, ZoneId zone, String baseUrl) {

    public ReminderProperties {
        // Nearest first: the job sends the nearest reminder whose day has come.
        beforeDue = (beforeDue == null || beforeDue.isEmpty() ? List.of(14, 3) : beforeDue).stream().sorted().toList();
        digestBefore = digestBefore == null ? 3 : digestBefore;
        from = from == null || from.isBlank() ? "souhra@localhost" : from;
        zone = zone == null ? cz.souhra.shared.model.CzechTime.ZONE : zone;
        baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    }
}
