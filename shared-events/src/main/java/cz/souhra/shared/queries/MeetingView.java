package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.List;

/**
 * One sitting of a body as the record shows it: agenda with discussion and carry-overs in both
 * directions, attendance and quorum, resolutions, measures adopted, minutes, corrections after closing
 * and the ledger checkpoint printed on the minutes. Times are ISO text as stored.
 */
public record MeetingView(String meetingId, String region, String bodyId, String startsAt, String place, List<String> members,
                          Integer quorumPercent, Boolean quorumStrictlyMore, String status, String cancelReason, String convenedAt,
                          List<AttendanceLine> attendance, Integer present, Integer memberCount, Integer quorumRequired, List<AgendaItem> agenda,
                          List<Resolution> resolutions, List<AdoptedMeasure> measures, List<CarriedMeasure> carriedMeasures, String minutes,
                          String minutesBy, String closedAt, List<Correction> corrections, Checkpoint checkpoint,
                          MinutesApproval minutesApproval, long version,
                          Instant lastRecordedAt) {

    /**
     * Convened without quorum ("neusnášeníschopné"): attendance, discussion and minutes are recorded, resolutions
     * are refused. Derived from the attendance counts, so not a field of its own in the API.
     */
    public boolean inquorate() {
        return convenedAt != null && present != null && quorumRequired != null && present < quorumRequired;
    }

    public record AttendanceLine(String institution, String status, String delegate, String substitute) {}

    public record AgendaItem(String itemId, String title, String presenter, List<String> issues, Boolean concluded, String discussion,
                             String carriedFrom, String carriedFromItem, String carriedTo) {}

    public record Resolution(String resolutionId, String itemId, String number, String text, Votes votes) {}

    public record Votes(int inFavour, int against, int abstained) {}

    public record AdoptedMeasure(String measureId, String resolutionId, String title, String owner, String dueDate) {}

    public record CarriedMeasure(String measureId, String fromMeetingId) {}

    public record Correction(String what, String correction, String reason, String recordedAt, String by) {}

    public record Checkpoint(long position, String digest) {}

    /**
     * The approval of the minutes (null until the secretary sends them to the verifiers): status
     * IN_VERIFICATION or FINAL, the current (or final) draft's version and text, the period's end, the
     * verifiers with their answer to the current draft (PENDING, CONFIRMED, OBJECTED), every draft, every
     * confirmation and every objection with its state (OPEN, CORRECTED, NOTED); once final, when and why
     * (basis ALL_CONFIRMED or PERIOD_ENDED).
     */
    public record MinutesApproval(String status, int version, String text, String startedAt, String deadline, List<Verifier> verifiers,
                                  List<Draft> drafts, List<Confirmation> confirmations, List<Objection> objections, String basis,
                                  String approvedAt) {}

    public record Verifier(String institution, String name, String state, String by, String at) {}

    public record Draft(int version, String text, String at, String by, String note) {}

    public record Confirmation(int version, String institution, String by, String at) {}

    public record Objection(int number, int version, String institution, String by, String text, String at, String state, String note,
                            String answeredBy, String answeredAt, Integer answeredVersion) {}
}
