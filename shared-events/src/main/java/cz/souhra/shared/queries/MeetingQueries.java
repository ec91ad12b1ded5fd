package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries about meetings. */
public final class MeetingQueries {

    private MeetingQueries() {}

    /** One meeting, now or as it stood at {@code asOf} (null = now). */
    public record FindMeeting(String meetingId, Instant asOf) {}

    /** The meetings of a body, by start time. */
    public record MeetingsOfBody(String bodyId, Instant asOf, int page, int size, String sort) {}

    /**
     * What the meeting would carry over from the body's previous meeting (the latest earlier one not cancelled):
     * its unconcluded agenda items and the measures adopted or followed up there that are still open, less
     * what this meeting has already carried over.
     */
    public record ProposeCarryOver(String meetingId) {}

    /** Meetings whose draft minutes wait for {@code institution}'s answer as a verifier (not yet confirmed), soonest period end first. */
    public record MinutesToVerify(String institution) {}

    /** Subscription: the meeting view after every change. */
    public record MeetingUpdates(String meetingId) {}
}
