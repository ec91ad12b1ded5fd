package cz.souhra.shared.events.body;

/**
 * Every event of the Body aggregate. A projection that folds this aggregate names this interface
 * ({@code FoldsEventsOf} on the query side), and a test fails when one of these events is neither folded
 * nor listed as ignored there with its reason: a new event cannot be forgotten by a read model silently.
 */
public sealed interface BodyEvent permits
        BodyDissolvedEvent,
        BodyEstablishedEvent,
        MemberAdmittedEvent,
        MemberRemovedEvent,
        SecretaryAppointedEvent,
        SecretaryRemovedEvent {
}
