package cz.souhra.command.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cz.souhra.command.validation.Known.Kind;
import cz.souhra.command.validation.Rule.Day;
import cz.souhra.command.validation.Rule.Moment;
import cz.souhra.command.validation.Rule.Plain;
import cz.souhra.command.validation.Rule.Ref;
import cz.souhra.command.validation.Rule.RegionRule;
import cz.souhra.command.validation.Rule.Sheet;
import cz.souhra.command.validation.Rule.Tally;
import cz.souhra.command.validation.Rule.Text;
import cz.souhra.shared.commands.attachment.AddAttachmentCommand;
import cz.souhra.shared.commands.attachment.RemoveAttachmentCommand;
import cz.souhra.shared.commands.body.AdmitMemberCommand;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.DissolveBodyCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.body.RemoveMemberCommand;
import cz.souhra.shared.commands.body.RemoveSecretaryCommand;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.institution.RenameInstitutionCommand;
import cz.souhra.shared.commands.institution.RetireInstitutionCommand;
import cz.souhra.shared.commands.issue.LinkIssueCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.issue.RecategoriseIssueCommand;
import cz.souhra.shared.commands.issue.ReopenIssueCommand;
import cz.souhra.shared.commands.issue.ResolveIssueCommand;
import cz.souhra.shared.commands.measure.CancelMeasureCommand;
import cz.souhra.shared.commands.measure.CompleteMeasureCommand;
import cz.souhra.shared.commands.measure.ExtendDeadlineCommand;
import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import cz.souhra.shared.commands.measure.ReassignMeasureCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.commands.measure.SupersedeMeasureCommand;
import cz.souhra.shared.commands.measure.VerifyCompletionCommand;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CancelMeetingCommand;
import cz.souhra.shared.commands.meeting.CarryOverCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConfirmMinutesCommand;
import cz.souhra.shared.commands.meeting.CorrectMinutesDraftCommand;
import cz.souhra.shared.commands.meeting.EndMinutesVerificationPeriodCommand;
import cz.souhra.shared.commands.meeting.NoteMinutesObjectionCommand;
import cz.souhra.shared.commands.meeting.ObjectToMinutesCommand;
import cz.souhra.shared.commands.meeting.StartMinutesVerificationCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.CorrectMeetingRecordCommand;
import cz.souhra.shared.commands.meeting.RecordDiscussionCommand;
import cz.souhra.shared.commands.meeting.RecordLedgerCheckpointCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.RemoveAgendaItemCommand;
import cz.souhra.shared.commands.meeting.ReorderAgendaCommand;
import cz.souhra.shared.commands.meeting.RescheduleMeetingCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.EnableUserCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.ResetPasswordCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;

/**
 * The one place that says what every command field must be: the {@link CommandValidator} applies these
 * rules to every command sent (API, web UI, demo, schedules) and {@code docs/api-fields.md} is this table
 * in words ({@code ApiFieldsDocTest} keeps them equal). Rules that need the record's own state (a due date
 * not before the adopting meeting, a report not before the measure was adopted, convening not before the
 * scheduled start, votes not more than members present) are stated here and checked by the aggregate.
 *
 * <p>Lengths: one-line names and titles 300–500 characters, reasons 2,000, long texts (descriptions,
 * discussion, resolutions, notes, corrections) 20,000, the minutes 200,000.
 */
public final class CommandRules {

    /** One field of a command: the record component, the name the API and the refusal use, its rule. */
    public record Field(String component, String name, Rule rule) {}

    /** A command with the endpoint that sends it and its fields' rules. */
    public record Entry(Class<?> command, String endpoint, List<Field> fields) {}

    static final Text REASON = new Text(2000, true, true);
    static final Text OPTIONAL_REASON = new Text(2000, true, false);
    static final Text LONG = new Text(20_000, true, true);
    static final Text OPTIONAL_LONG = new Text(20_000, true, false);
    static final Text NAME = new Text(300, false, true);
    static final Text TITLE = new Text(500, false, true);

    private static final Map<Class<?>, Entry> TABLE = new LinkedHashMap<>();

    static {
        on(RegisterInstitutionCommand.class, "POST /api/institutions",
                f("institutionId", "code", new Plain("required code, 2–32 of A–Z, 0–9, _ and -, starting with a letter or digit; not registered before")),
                f("region", new RegionRule()),
                f("kind", new Plain("required, one of the InstitutionKind constants")),
                f("name", NAME));
        on(RenameInstitutionCommand.class, "POST /api/institutions/{id}/rename", f("name", NAME));
        on(RetireInstitutionCommand.class, "POST /api/institutions/{id}/retire", f("reason", REASON));

        on(EstablishBodyCommand.class, "POST /api/bodies",
                f("region", new RegionRule()),
                f("kind", new Plain("required, PLATFORM or WORKING_GROUP")),
                f("name", NAME),
                f("meetingsPerYear", new Plain("optional whole number 1–52: how many meetings a year the body is meant to hold (absent: not stated)")),
                f("quorum", "quorumPercent", new Plain("optional whole number 0–100 (default: more than half)")));
        on(AdmitMemberCommand.class, "POST /api/bodies/{id}/members", f("institutionId", "institution", new Ref(Kind.INSTITUTION, true, false)));
        on(RemoveMemberCommand.class, "POST /api/bodies/{id}/members/{institution}/remove",
                f("institutionId", "institution", new Ref(Kind.INSTITUTION, false, false)), f("reason", REASON));
        on(AppointSecretaryCommand.class, "POST /api/bodies/{id}/secretaries", f("user", new Ref(Kind.USER, true, false)));
        on(RemoveSecretaryCommand.class, "POST /api/bodies/{id}/secretaries/{user}/remove", f("user", new Ref(Kind.USER, false, false)));
        on(DissolveBodyCommand.class, "POST /api/bodies/{id}/dissolve", f("reason", REASON));

        on(RaiseIssueCommand.class, "POST /api/issues",
                f("region", new RegionRule()),
                f("category", new Plain("required, one of the IssueCategory constants (a name, never a number)")),
                f("title", TITLE),
                f("description", OPTIONAL_LONG),
                f("locality", new Text(300, false, false)),
                f("raisedBy", new Ref(Kind.INSTITUTION, true, false)),
                f("observedOn", new Day(false, true, "")),
                f("raisedAt", new Ref(Kind.MEETING, false, false)));
        on(RecategoriseIssueCommand.class, "POST /api/issues/{id}/recategorise",
                f("category", new Plain("required, one of the IssueCategory constants")), f("reason", OPTIONAL_REASON));
        on(LinkIssueCommand.class, "POST /api/issues/{id}/link",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("itemId", new Plain("required, an agenda item of that meeting")));
        on(ResolveIssueCommand.class, "POST /api/issues/{id}/resolve", f("reason", REASON), f("resolvedOn", new Day(false, true, "")));
        on(ReopenIssueCommand.class, "POST /api/issues/{id}/reopen", f("reason", REASON));

        on(ScheduleMeetingCommand.class, "POST /api/meetings",
                f("bodyId", new Ref(Kind.BODY, true, false)),
                f("startsAt", new Moment(true, false, "")),
                f("place", TITLE));
        on(RescheduleMeetingCommand.class, "POST /api/meetings/{id}/reschedule",
                f("startsAt", new Moment(true, false, "")), f("place", new Text(500, false, false)), f("reason", REASON));
        on(CancelMeetingCommand.class, "POST /api/meetings/{id}/cancel", f("reason", REASON));
        on(AddAgendaItemCommand.class, "POST /api/meetings/{id}/agenda-items",
                f("title", TITLE),
                f("presenter", new Ref(Kind.INSTITUTION, true, false)),
                f("issues", new Ref(Kind.ISSUE, false, true)));
        on(RemoveAgendaItemCommand.class, "POST /api/meetings/{id}/agenda-items/{item}/remove", f("reason", REASON));
        on(ReorderAgendaCommand.class, "POST /api/meetings/{id}/agenda-order",
                f("order", new Plain("required, every agenda item of the meeting once, in the new order")));
        on(CarryOverCommand.class, "POST /api/meetings/{id}/carry-over",
                f("fromMeetingId", new Ref(Kind.MEETING, false, false)), f("openMeasures", new Ref(Kind.MEASURE, false, true)));
        on(ConveneMeetingCommand.class, "POST /api/meetings/{id}/convene",
                f("convenedAt", new Moment(true, true, "at or after the scheduled start (reschedule first); default: now")),
                f("attendance", new Sheet(200)));
        on(RecordDiscussionCommand.class, "POST /api/meetings/{id}/agenda-items/{item}/discussion",
                f("summary", LONG), f("concluded", new Plain("true or false")));
        on(AdoptResolutionCommand.class, "POST /api/meetings/{id}/resolutions",
                f("itemId", new Plain("optional, an agenda item of this meeting")),
                f("number", new Text(50, false, false)),
                f("text", LONG),
                f("votes", new Tally()));
        on(AdoptMeasureCommand.class, "POST /api/meetings/{id}/resolutions/{r}/measures",
                f("title", TITLE),
                f("description", OPTIONAL_LONG),
                f("owner", new Ref(Kind.INSTITUTION, true, false)),
                f("dueDate", new Day(true, false, "not before the day the meeting was convened")),
                f("addresses", new Ref(Kind.ISSUE, false, true)),
                f("decisionBasis", new Text(5000, true, false)));
        on(RecordMinutesCommand.class, "POST /api/meetings/{id}/minutes", f("text", new Text(200_000, true, true)));
        on(CloseMeetingCommand.class, "POST /api/meetings/{id}/close",
                f("closedAt", new Moment(true, true, "at or after the meeting was convened; default: now")));
        on(CorrectMeetingRecordCommand.class, "POST /api/meetings/{id}/corrections",
                f("what", new Text(200, false, true)), f("correction", LONG), f("reason", REASON));
        on(RecordLedgerCheckpointCommand.class, "(sent by the ledger)",
                f("position", new Plain("position in the ledger")), f("digest", new Text(128, false, true)));
        // minutes approval (docs/minutes.md): the time and the period come from the server, never from the caller
        on(StartMinutesVerificationCommand.class, "POST /api/meetings/{id}/minutes/verification",
                f("verifiers", new Ref(Kind.INSTITUTION, false, true)),
                f("at", new Plain("the server's clock when the request arrives")),
                f("period", new Plain("souhra.minutes.verification-period (default P7D); the period ends at `at` plus this")));
        on(ConfirmMinutesCommand.class, "POST /api/meetings/{id}/minutes/confirm",
                f("version", new Plain("required whole number, the current draft's version")),
                f("at", new Plain("the server's clock when the request arrives; before the period's end")));
        on(ObjectToMinutesCommand.class, "POST /api/meetings/{id}/minutes/objections",
                f("version", new Plain("required whole number, the current draft's version")),
                f("text", LONG),
                f("at", new Plain("the server's clock when the request arrives; before the period's end")));
        on(NoteMinutesObjectionCommand.class, "POST /api/meetings/{id}/minutes/objections/{objection}/note",
                f("objection", new Plain("from the path, the number of an open objection")),
                f("note", REASON),
                f("at", new Plain("the server's clock when the request arrives")));
        on(CorrectMinutesDraftCommand.class, "POST /api/meetings/{id}/minutes/draft",
                f("text", new Text(200_000, true, true)),
                f("note", OPTIONAL_REASON),
                f("at", new Plain("the server's clock when the request arrives")),
                f("period", new Plain("souhra.minutes.verification-period (default P7D); the new period ends at `at` plus this")));
        on(EndMinutesVerificationPeriodCommand.class, "(sent by the minutes schedule)",
                f("at", new Plain("the server's clock; records nothing before the period's end or while an objection is open")));

        on(ReportProgressCommand.class, "POST /api/measures/{id}/progress",
                f("percent", new Plain("required whole number 0–100")),
                f("note", OPTIONAL_LONG),
                f("effectiveOn", new Day(true, true, "not before the day the measure was adopted; default: today")));
        on(CompleteMeasureCommand.class, "POST /api/measures/{id}/complete",
                f("note", OPTIONAL_LONG),
                f("effectiveOn", new Day(true, true, "not before the day the measure was adopted; default: today")));
        on(ExtendDeadlineCommand.class, "POST /api/measures/{id}/extend",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("resolutionId", new Plain("required, a resolution of that meeting")),
                f("dueDate", new Day(true, false, "later than the current due date")), f("reason", REASON));
        on(ReassignMeasureCommand.class, "POST /api/measures/{id}/reassign",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("resolutionId", new Plain("required, a resolution of that meeting")),
                f("owner", new Ref(Kind.INSTITUTION, true, false)), f("reason", REASON));
        on(VerifyCompletionCommand.class, "POST /api/measures/{id}/verify",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("resolutionId", new Plain("required, a resolution of that meeting")),
                f("note", OPTIONAL_LONG));
        on(CancelMeasureCommand.class, "POST /api/measures/{id}/cancel",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("resolutionId", new Plain("required, a resolution of that meeting")),
                f("reason", REASON));
        on(SupersedeMeasureCommand.class, "POST /api/measures/{id}/supersede",
                f("meetingId", new Ref(Kind.MEETING, false, false)), f("resolutionId", new Plain("required, a resolution of that meeting")),
                f("supersededBy", new Ref(Kind.MEASURE, false, false)), f("reason", REASON));
        on(MarkMeasureOverdueCommand.class, "(sent by the overdue schedule)", f("today", new Day(true, false, "")));

        on(AddAttachmentCommand.class, "POST /api/meetings/{id}/attachments, /api/meetings/{id}/agenda-items/{itemId}/attachments, /api/issues/{id}/attachments, /api/measures/{id}/attachments",
                f("meetingId", new Ref(Kind.MEETING, true, false)),
                f("issueId", new Ref(Kind.ISSUE, false, false)),
                f("measureId", new Ref(Kind.MEASURE, false, false)),
                f("name", "filename", new Text(255, false, true)),
                f("mediaType", "file", new Plain("multipart part \"file\"; its type detected from the bytes: PDF, DOCX, XLSX, ODT, PNG or JPEG; at most souhra.attachments.max-size (25 MB)")),
                // filled by the server from the path, the parent's events and the bytes, never by the caller
                f("attachedTo", new Plain("from the path: MEETING, AGENDA_ITEM, ISSUE or MEASURE")),
                f("itemId", new Plain("from the path, an agenda item of that meeting")),
                f("region", new Plain("the parent's region")),
                f("bodyId", new Plain("the parent's body (meetings, measures)")),
                f("owner", new Plain("the parent's raising or owner institution (issues, measures)")),
                f("size", new Plain("the number of bytes received, more than 0")),
                f("sha256", new Plain("the SHA-256 of the bytes received, 64 hex digits")));
        on(RemoveAttachmentCommand.class, "POST /api/attachments/{id}/remove", f("reason", REASON),
                // filled by the server from the parent's events, never by the caller
                f("bodyId", new Plain("the parent's body (meetings, measures)")),
                f("owner", new Plain("the parent's raising or owner institution (issues, measures)")));

        on(RegisterUserCommand.class, "POST /api/admin/users",
                f("user", new Plain("required, 2–100 of A–Z, a–z, 0–9, . _ @ -")),
                f("institution", new Ref(Kind.INSTITUTION, true, false)),
                f("roles", new Plain("list of ADMIN, SECRETARY, MEMBER, AUDITOR; MEMBER needs an institution")),
                f("displayName", new Text(200, false, false)),
                f("email", new Text(254, false, false)));
        on(GrantRoleCommand.class, "POST /api/admin/users/{user}/roles",
                f("role", new Plain("required, ADMIN, SECRETARY, MEMBER or AUDITOR")), f("bodyId", new Ref(Kind.BODY, true, false)));
        on(RevokeRoleCommand.class, "DELETE /api/admin/users/{user}/roles/{role}",
                f("role", new Plain("required, ADMIN, SECRETARY, MEMBER or AUDITOR")), f("bodyId", new Ref(Kind.BODY, false, false)),
                // filled by the server from the accounts' read model, never by the caller
                f("appointedBodies", new Ref(Kind.BODY, false, true)));
        on(ChangePasswordCommand.class, "POST /api/admin/users/{user}/password");
        on(DisableUserCommand.class, "POST /api/admin/users/{user}/disable", f("reason", OPTIONAL_REASON));
        on(EnableUserCommand.class, "POST /api/admin/users/{user}/enable", f("reason", OPTIONAL_REASON));
        on(ResetPasswordCommand.class, "POST /api/admin/users/{user}/password-reset");
    }

    private CommandRules() {}

    private static void on(Class<?> command, String endpoint, Field... fields) {
        TABLE.put(command, new Entry(command, endpoint, List.of(fields)));
    }

    private static Field f(String component, Rule rule) {
        return new Field(component, component, rule);
    }

    private static Field f(String component, String name, Rule rule) {
        return new Field(component, name, rule);
    }

    /** The rules of {@code command}'s class, or null for a class that is not a command of Souhra. */
    public static Entry of(Class<?> command) {
        return TABLE.get(command);
    }

    public static List<Entry> all() {
        return List.copyOf(TABLE.values());
    }
}
