package cz.souhra.shared.model;

import java.time.Instant;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;

/**
 * The decision basis of a change to a measure: a resolution of a convened meeting of a body, held at the
 * given time. Checked against the meeting before the measure sees it.
 */
public record Decision(MeetingId meetingId, ResolutionId resolutionId, BodyId bodyId, Instant heldAt) {}
