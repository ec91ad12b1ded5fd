package cz.souhra.infra.reminders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.ReadModels;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.commands.meeting.EndMinutesVerificationPeriodCommand;
import cz.souhra.shared.ids.MeetingId;

/**
 * Ends the verification periods of minutes: every {@code souhra.minutes.check-interval} it sends the meetings
 * whose minutes are still with the verifiers after the period's end an {@link EndMinutesVerificationPeriodCommand}
 * carrying the clock's time. The meeting decides (final at the period's end when no objection is open,
 * otherwise nothing), so a late, repeated or concurrent run on two nodes records the fact once. It reads the
 * meeting read model, which may lag by a second: a period is ended at the next run after it shows.
 */
@Component
public class MinutesPeriodJob {

    static final String SYSTEM_USER = "system:minutes-schedule";
    private static final Logger log = LoggerFactory.getLogger(MinutesPeriodJob.class);

    private final ReadModels readModels;
    private final CommandGateway commands;
    private final Clock clock;

    public MinutesPeriodJob(MongoTemplate mongo, CommandGateway commands, Clock clock) {
        this.readModels = new ReadModels(mongo);
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${souhra.minutes.check-interval:PT15M}", initialDelayString = "${souhra.minutes.initial-delay:PT1M}")
    public void scheduled() {
        run();
    }

    /** @return how many meetings were sent the command */
    public int run() {
        Instant now = clock.instant();
        List<String> ended = new ArrayList<>();
        for (Document d : readModels.collection(MeetingProjection.COLLECTION).find(Filters.eq("minutesApproval.status", "IN_VERIFICATION"))) {
            Object approval = d.get("minutesApproval");
            String deadline = approval instanceof Document a ? a.getString("deadline") : null;
            if (deadline != null && !now.isBefore(Instant.parse(deadline))) {
                ended.add(d.getString("_id"));
            }
        }
        int sent = 0;
        for (String id : ended) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EndMinutesVerificationPeriodCommand(MeetingId.of(id), now))
                        .andMetaData(MetaData.with(MetaKeys.USER, SYSTEM_USER).and(MetaKeys.INSTITUTION, MetaKeys.SYSTEM_INSTITUTION)));
                sent++;
            } catch (RuntimeException e) {
                log.warn("Ending the minutes verification period of meeting {} failed, next run retries: {}", id, e.toString());
            }
        }
        return sent;
    }
}
