package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** An open measure of the previous meeting to be followed up at this one. */
@Revision("1")
public record OpenMeasureCarriedOverEvent(
        MeetingId meetingId,
        RegionCode region,
        MeasureId measureId,
        MeetingId fromMeetingId) implements MeetingEvent {
}
