package cz.souhra.shared.events.meeting;

/**
 * Every event of the Meeting aggregate. A projection that folds this aggregate names this interface
 * ({@code FoldsEventsOf} on the query side), and a test fails when one of these events is neither folded
 * nor listed as ignored there with its reason: a new event cannot be forgotten by a read model silently.
 */
public sealed interface MeetingEvent permits
        AgendaItemAddedEvent,
        AgendaItemCarriedOverEvent,
        AgendaItemRemovedEvent,
        AgendaReorderedEvent,
        ItemDiscussedEvent,
        LedgerCheckpointRecordedEvent,
        MeetingCancelledEvent,
        MeetingClosedEvent,
        MeetingConvenedEvent,
        MeetingCorrectedEvent,
        MeetingRescheduledEvent,
        MeetingScheduledEvent,
        MinutesApprovedEvent,
        MinutesConfirmedEvent,
        MinutesDraftCorrectedEvent,
        MinutesObjectionNotedEvent,
        MinutesObjectionRaisedEvent,
        MinutesRecordedEvent,
        MinutesVerificationStartedEvent,
        OpenMeasureCarriedOverEvent,
        ResolutionAdoptedEvent {
}
