package cz.souhra.shared.commands.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.model.Attendance;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ConveneMeetingCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Instant convenedAt,
        List<Attendance> attendance,
        @TargetAggregateVersion Long expectedVersion) {
}
