package cz.souhra.shared.events.measure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import org.axonframework.serialization.Revision;

/** A measure (opatření) adopted by a resolution of a convened meeting. */
@Revision("1")
public record MeasureAdoptedEvent(
        MeasureId measureId,
        RegionCode region,
        BodyId bodyId,
        MeetingId meetingId,
        ResolutionId resolutionId,
        Instant adoptedAt,
        String title,
        String description,
        InstitutionId owner,
        LocalDate dueDate,
        List<IssueId> addresses,
        String decisionBasis) implements MeasureEvent {
}
