package cz.souhra.infra.reminders;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import cz.souhra.infra.security.UserStore.Recipient;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingView;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The reminder texts, Czech first with the English below, plain text in UTF-8. */
final class ReminderMail {

    private static final DateTimeFormatter CS_DATE = DateTimeFormatter.ofPattern("d. M. yyyy", Locale.forLanguageTag("cs"));
    private static final DateTimeFormatter CS_TIME = DateTimeFormatter.ofPattern("d. M. yyyy H:mm", Locale.forLanguageTag("cs"));

    /** Czech plural of "day": 1 den, 2–4 dny, 0 and 5 and more dní. */
    private static final java.text.ChoiceFormat DNI = new java.text.ChoiceFormat("0#dní|1#den|2#dny|5#dní");

    private final JavaMailSender sender;
    private final ReminderProperties properties;

    ReminderMail(JavaMailSender sender, ReminderProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    void beforeDue(List<Recipient> to, MeasureView m, String ownerName, long daysLeft) {
        String link = properties.baseUrl() + "/measures/" + m.measureId();
        send(to, "Souhra: opatření „" + m.title() + "“ má termín " + CS_DATE.format(m.dueDate()) + " (za " + daysLeft + " " + DNI.format(daysLeft) + ")",
                "Dobrý den,\n\nopatření „" + m.title() + "“, jehož gestorem je " + ownerName + ", má termín plnění "
                        + CS_DATE.format(m.dueDate()) + ", tedy za " + daysLeft + " " + DNI.format(daysLeft) + ". Stav: " + m.percent() + " % splněno.\n"
                        + "Zprávu o plnění podáte zde: " + link + "\n\n---\n"
                        + "The measure \"" + m.title() + "\" owned by " + ownerName + " is due on " + m.dueDate() + " (in " + daysLeft
                        + (daysLeft == 1 ? " day), " : " days), ") + m.percent() + " % done. Report progress: " + link + "\n");
    }

    void overdue(List<Recipient> to, MeasureView m, String ownerName) {
        String link = properties.baseUrl() + "/measures/" + m.measureId();
        send(to, "Souhra: opatření „" + m.title() + "“ je po termínu",
                "Dobrý den,\n\nopatření „" + m.title() + "“, jehož gestorem je " + ownerName + ", mělo být splněno do "
                        + CS_DATE.format(m.dueDate()) + " a je po termínu (" + m.percent() + " % splněno).\n"
                        + "Zprávu o plnění podáte zde: " + link + "\n\n---\n"
                        + "The measure \"" + m.title() + "\" owned by " + ownerName + " was due on " + m.dueDate()
                        + " and is overdue (" + m.percent() + " % done). Report progress: " + link + "\n");
    }

    void digest(List<Recipient> to, MeetingView meeting, String bodyName, ZonedDateTime startsAt, List<MeasureView> open,
                java.util.function.Function<String, String> institutionName) {
        StringBuilder cs = new StringBuilder("Dobrý den,\n\njednání orgánu ").append(bodyName).append(" se koná ")
                .append(CS_TIME.format(startsAt)).append(meeting.place() == null ? "" : ", " + meeting.place()).append(".\n\nProgram:\n");
        StringBuilder en = new StringBuilder("The meeting of ").append(bodyName).append(" takes place on ").append(startsAt.toLocalDateTime())
                .append(meeting.place() == null ? "" : ", " + meeting.place()).append(".\nAgenda:\n");
        List<MeetingView.AgendaItem> agenda = meeting.agenda() == null ? List.of() : meeting.agenda();
        if (agenda.isEmpty()) {
            cs.append("  (program zatím nemá žádné body)\n");
            en.append("  (no items yet)\n");
        }
        for (int i = 0; i < agenda.size(); i++) {
            cs.append("  ").append(i + 1).append(". ").append(agenda.get(i).title()).append('\n');
            en.append("  ").append(i + 1).append(". ").append(agenda.get(i).title()).append('\n');
        }
        cs.append("\nOtevřená opatření orgánu (").append(open.size()).append("):\n");
        en.append("Open measures of the body (").append(open.size()).append("):\n");
        for (MeasureView m : open) {
            String line = "  – " + m.title() + " – " + institutionName.apply(m.owner()) + ", " + m.percent() + " %";
            cs.append(line).append(", termín ").append(CS_DATE.format(m.dueDate())).append(m.overdue() ? ", PO TERMÍNU" : "").append('\n');
            en.append(line).append(", due ").append(m.dueDate()).append(m.overdue() ? ", OVERDUE" : "").append('\n');
        }
        String link = properties.baseUrl() + "/meetings/" + meeting.meetingId();
        send(to, "Souhra: jednání " + bodyName + " " + CS_TIME.format(startsAt), cs + "\nPracovní prostor jednání: " + link + "\n\n---\n" + en + link + "\n");
    }

    private void send(List<Recipient> to, String subject, String text) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(to.stream().map(Recipient::email).toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(text);
        } catch (MessagingException e) {
            throw new IllegalStateException("Reminder could not be composed: " + e.getMessage(), e);
        }
        sender.send(message);
    }

    static long daysBetween(LocalDate from, LocalDate to) {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to);
    }
}
