package cz.souhra.shared.commands.meeting;

import java.util.List;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the unfinished items of an earlier meeting of the same body on this one, with the open measures to follow up. */
public record CarryOverCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        MeetingId fromMeetingId,
        List<MeasureId> openMeasures) {
}
