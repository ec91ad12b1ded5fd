package cz.souhra.infra.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import cz.souhra.infra.security.UserStore;
import cz.souhra.infra.security.UserStore.Recipient;
import cz.souhra.query.body.DirectoryProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Views;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.measure.Overdue;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.model.MeasureStatus;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingView;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Finds the reminders that are due and sends each once. A reminder is keyed by what it is about and the
 * date it refers to ({@code measure:<id>:<due date>:<days before>|overdue}, {@code meeting:<id>:<start>:digest}),
 * so a new due date or a rescheduled meeting is reminded again, and the same one never twice.
 *
 * <p>Once: the key is inserted into {@code reminders_sent} (unique {@code _id}) before the e-mail goes out;
 * a second node or a re-run after a restart finds it and skips. A failed send removes its claim so the
 * next run retries; a claim left by a process that died mid-send is retried after {@link #STALE_CLAIM}.
 * ShedLock keeps two nodes from running the job at the same time, so a stale claim is never a live one.
 *
 * <p>The schedule reads the query side's read models (they are rebuildable folds of the events) and the
 * clock is injected, so nothing here depends on when the process happened to start.
 */
@Component
public class ReminderJob {

    static final String COLLECTION = "reminders_sent";
    static final java.time.Duration STALE_CLAIM = java.time.Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final UserStore users;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final ReminderProperties properties;
    private final Clock clock;
    private final AtomicBoolean disabledLogged = new AtomicBoolean();

    public ReminderJob(MongoTemplate mongo, UserStore users, ObjectProvider<JavaMailSender> mailSender, ReminderProperties properties, Clock clock) {
        this.mongo = mongo;
        this.readModels = new ReadModels(mongo);
        this.users = users;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${souhra.reminders.check-interval:PT1H}", initialDelayString = "${souhra.reminders.initial-delay:PT1M}")
    @SchedulerLock(name = "souhra-reminders", lockAtMostFor = "PT14M", lockAtLeastFor = "PT5S")
    public void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            // The next run retries: every unsent reminder is still unclaimed.
            log.warn("Reminder run failed: {}", e.toString());
        }
    }

    /** @return how many e-mails were sent in this run */
    public int run() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            if (disabledLogged.compareAndSet(false, true)) {
                log.info("E-mail reminders are off: set spring.mail.host (and spring.mail.username/password) to send them");
            }
            return 0;
        }
        ReminderMail mail = new ReminderMail(sender, properties);
        // Journaled: the claim must outlive a machine crash, or the e-mail it guards goes out again.
        MongoCollection<Document> sent = mongo.getCollection(COLLECTION).withWriteConcern(com.mongodb.WriteConcern.JOURNALED);
        Instant now = clock.instant();
        sent.deleteMany(Filters.and(Filters.eq("state", "claimed"), Filters.lt("claimedAt", now.minus(STALE_CLAIM).toString())));
        LocalDate today = LocalDate.ofInstant(now, properties.zone());
        int count = 0;
        List<MeasureView> openMeasures = openMeasures(now);
        for (MeasureView m : openMeasures) {
            if (m.dueDate() == null || m.owner() == null) {
                continue;
            }
            String prefix = "measure:" + m.measureId() + ":" + m.dueDate() + ":";
            if (m.overdue()) {
                count += send(sent, prefix + "overdue", now, users.membersOf(m.owner()), to -> mail.overdue(to, m, institutionName(m.owner())));
                continue;
            }
            long daysLeft = ReminderMail.daysBetween(today, m.dueDate());
            // Only the nearest reminder whose day has come: after a long stop, "3 days left" is sent, not a stale "14 days left" too.
            Integer offset = properties.beforeDue().stream().filter(d -> daysLeft >= 0 && daysLeft <= d).findFirst().orElse(null);
            if (offset != null) {
                count += send(sent, prefix + offset, now, users.membersOf(m.owner()), to -> mail.beforeDue(to, m, institutionName(m.owner()), daysLeft));
            }
        }
        for (Document d : readModels.collection(MeetingProjection.COLLECTION).find(Filters.eq("status", "SCHEDULED"))) {
            MeetingView meeting = MeetingProjection.read(readModels, d.getString("_id"));
            ZonedDateTime startsAt = ZonedDateTime.parse(meeting.startsAt()).withZoneSameInstant(properties.zone());
            long daysAhead = ReminderMail.daysBetween(today, startsAt.toLocalDate());
            if (!startsAt.toInstant().isAfter(now) || daysAhead > properties.digestBefore()) {
                continue;
            }
            String key = "meeting:" + meeting.meetingId() + ":" + meeting.startsAt() + ":digest";
            List<MeasureView> open = openMeasures.stream().filter(m -> meeting.bodyId().equals(m.bodyId())).toList();
            count += send(sent, key, now, users.secretariesOf(meeting.bodyId()),
                    to -> mail.digest(to, meeting, bodyName(meeting.bodyId()), startsAt, open, this::institutionName));
        }
        return count;
    }

    private int send(MongoCollection<Document> sent, String key, Instant now, List<Recipient> to, java.util.function.Consumer<List<Recipient>> mail) {
        try {
            sent.insertOne(new Document("_id", key).append("state", "claimed").append("claimedAt", now.toString()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return 0;
            }
            throw e;
        }
        if (to.isEmpty()) {
            sent.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("state", "nobody"), Updates.set("sentAt", now.toString())));
            return 0;
        }
        try {
            mail.accept(to);
        } catch (RuntimeException e) {
            sent.deleteOne(Filters.eq("_id", key));
            log.warn("Reminder {} not sent, will retry: {}", key, e.toString());
            return 0;
        }
        sent.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("state", "sent"), Updates.set("sentAt", now.toString()),
                Updates.set("to", to.stream().map(Recipient::user).toList())));
        return 1;
    }

    /** Open measures, overdue as every measure answer says it (from the due date, the Prague day of {@code now}). */
    private List<MeasureView> openMeasures(Instant now) {
        List<MeasureView> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, Overdue.PRAGUE);
        for (Document d : readModels.collection(MeasureProjection.STATUS).find()) {
            MeasureView m = Overdue.on(Views.fromDocument(d, MeasureView.class), today);
            if (m.status() != null && !MeasureStatus.valueOf(m.status()).isFinal() && !MeasureStatus.COMPLETED.name().equals(m.status())) {
                out.add(m);
            }
        }
        return out;
    }

    private String institutionName(String id) {
        Document d = readModels.collection(DirectoryProjection.INSTITUTIONS).find(Filters.eq("_id", id)).first();
        return d == null || d.getString("name") == null ? id : d.getString("name");
    }

    private String bodyName(String id) {
        Document d = readModels.collection(DirectoryProjection.BODIES).find(Filters.eq("_id", id)).first();
        return d == null || d.getString("name") == null ? id : d.getString("name");
    }
}
