package cz.souhra.command.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.IssueCategory;

/** Each rule of {@link CommandRules} as the {@link CommandValidator} applies it: the refusal names the field. */
class CommandValidatorTest {

    static final Instant NOW = Instant.parse("2026-12-07T13:58:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    static final RegionCode LBK = RegionCode.of("LBK");
    static final String ISSUE = "15500000-0000-4000-8000-000000000001";
    static final String MEETING = "3ee70000-0000-4000-8000-000000000001";
    static final String BODY = "b0d00000-0000-4000-8000-000000000001";

    final Map<String, Known> records = new HashMap<>(Map.of(
            "MML", new Known(Known.Kind.INSTITUTION, true),
            "ZANIKLA", new Known(Known.Kind.INSTITUTION, false),
            "jana", new Known(Known.Kind.USER, true),
            "blokovany", new Known(Known.Kind.USER, false),
            ISSUE, new Known(Known.Kind.ISSUE, true),
            MEETING, new Known(Known.Kind.MEETING, true),
            BODY, new Known(Known.Kind.BODY, true)));
    final CommandValidator validator = new CommandValidator(id -> Optional.ofNullable(records.get(id)));

    Object valid(Object command) {
        return validator.validate(command, NOW, TODAY);
    }

    DomainException refused(Object command) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> validator.validate(command, NOW, TODAY));
        assertThat(t).isInstanceOf(DomainException.class);
        return (DomainException) t;
    }

    static RaiseIssueCommand issue(String title, String description, String raisedBy, LocalDate observedOn) {
        return new RaiseIssueCommand(IssueId.random(), LBK, IssueCategory.SCHOOLS, title, description, "Liberec",
                raisedBy == null ? null : InstitutionId.of(raisedBy), observedOn, null);
    }

    @Test
    void a_valid_issue_passes_unchanged() {
        RaiseIssueCommand ok = issue("Ubytovna v Doubí", "Řádek 1\nřádek 2\tsloupec", "MML", LocalDate.parse("2026-11-30"));
        assertThat(valid(ok)).isSameAs(ok);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\tb", "a\nb", "a\rb"})
    void a_control_character_in_a_title_is_refused_naming_the_field(String title) {
        DomainException e = refused(issue(title, null, "MML", null));
        assertThat(e.code()).isEqualTo("TEXT_CONTROL_CHARACTER");
        assertThat(e.field()).isEqualTo("title");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE);
    }

    @Test
    void tab_and_new_lines_are_allowed_in_a_long_text_but_a_lone_carriage_return_or_nul_is_not() {
        valid(issue("Titulek", "řádek\r\nřádek\n\todsazení", "MML", null));
        assertThat(refused(issue("Titulek", "a\rb", "MML", null)).field()).isEqualTo("description");
        assertThat(refused(issue("Titulek", "a\u0000b", "MML", null)).code()).isEqualTo("TEXT_CONTROL_CHARACTER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void a_bidi_override_or_isolate_is_refused(String bidi) {
        DomainException e = refused(issue("evil" + bidi + "txt.exe", null, "MML", null));
        assertThat(e.code()).isEqualTo("TEXT_BIDI_CONTROL");
        assertThat(e.field()).isEqualTo("title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "\uDFFF", "x\uDC00y", "x\uD83Dy"})
    void a_lone_surrogate_is_refused_but_a_pair_is_text(String broken) {
        assertThat(refused(issue(broken, null, "MML", null)).code()).isEqualTo("TEXT_LONE_SURROGATE");
        valid(issue("Ubytovna \uD83C\uDFE0", null, "MML", null));
    }

    @Test
    void text_is_stored_nfc_normalised_and_its_length_counted_after_normalising() {
        String decomposed = "Stíz\u030Cnost";  // z + combining caron
        RaiseIssueCommand checked = (RaiseIssueCommand) valid(issue(decomposed, "e\u0301", "MML", null));
        assertThat(checked.title()).isEqualTo("Stížnost");
        assertThat(checked.description()).isEqualTo("é");
        String atLimit = "e\u0301".repeat(500);
        assertThat(((RaiseIssueCommand) valid(issue(atLimit, null, "MML", null))).title()).hasSize(500);
    }

    @Test
    void normalising_reaches_the_attendance_sheet() {
        ConveneMeetingCommand c = new ConveneMeetingCommand(MeetingId.of(MEETING), NOW.minusSeconds(60),
                List.of(new Attendance(InstitutionId.of("MML"), AttendanceStatus.SUBSTITUTE, null, "R\u030Ci\u0301ha")), null);
        assertThat(((ConveneMeetingCommand) valid(c)).attendance().get(0).substitute()).isEqualTo("\u0158\u00EDha");
    }

    @Test
    void a_text_over_its_length_is_refused() {
        DomainException e = refused(issue("x".repeat(501), null, "MML", null));
        assertThat(e.code()).isEqualTo("TOO_LONG");
        assertThat(e.args()).containsExactly("title", 500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-12-31", "2101-01-01", "0000-01-01", "+57470-09-30"})
    void a_date_outside_the_window_is_refused(String day) {
        DomainException e = refused(issue("Titulek", null, "MML", LocalDate.parse(day)));
        assertThat(e.code()).isEqualTo("DATE_OUT_OF_RANGE");
        assertThat(e.field()).isEqualTo("observedOn");
    }

    @Test
    void a_report_or_observation_dated_after_today_is_refused_today_is_not() {
        valid(issue("Titulek", null, "MML", TODAY));
        assertThat(refused(issue("Titulek", null, "MML", TODAY.plusDays(1))).code()).isEqualTo("DATE_IN_FUTURE");
        DomainException e = refused(new ReportProgressCommand(MeasureId.random(), 10, null, LocalDate.parse("2099-12-31"), null));
        assertThat(e.code()).isEqualTo("DATE_IN_FUTURE");
        assertThat(e.field()).isEqualTo("effectiveOn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "1999-12-31T22:59:59Z", "2100-12-31T23:00:00Z"})
    void a_meeting_start_outside_the_window_is_refused(String at) {
        DomainException e = refused(new ScheduleMeetingCommand(MeetingId.random(), BodyId.of(BODY), Instant.parse(at), "Kraj"));
        assertThat(e.code()).isEqualTo("DATE_OUT_OF_RANGE");
        assertThat(e.field()).isEqualTo("startsAt");
    }

    @Test
    void the_window_edges_in_prague_time_are_inside() {
        valid(new ScheduleMeetingCommand(MeetingId.random(), BodyId.of(BODY), Instant.parse("1999-12-31T23:00:00Z"), "Kraj"));
        valid(new ScheduleMeetingCommand(MeetingId.random(), BodyId.of(BODY), Instant.parse("2100-12-31T22:59:59Z"), "Kraj"));
    }

    @Test
    void a_meeting_closed_or_convened_in_the_future_is_refused() {
        assertThat(refused(new CloseMeetingCommand(MeetingId.of(MEETING), NOW.plusSeconds(1), null)).code()).isEqualTo("TIME_IN_FUTURE");
        valid(new CloseMeetingCommand(MeetingId.of(MEETING), NOW, null));
        DomainException e = refused(new ConveneMeetingCommand(MeetingId.of(MEETING), NOW.plusSeconds(3600), List.of(), null));
        assertThat(e.field()).isEqualTo("convenedAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "LBC", "CZ051", "PRAHA", "_GLOBAL"})
    void a_region_not_in_the_list_is_refused(String code) {
        DomainException e = refused(new EstablishBodyCommand(BodyId.random(), RegionCode.of(code.replace("_", "X")), BodyKind.PLATFORM, "Platforma", null, null));
        assertThat(e.code()).isEqualTo("UNKNOWN_REGION");
        assertThat(e.field()).isEqualTo("region");
    }

    @Test
    void every_one_of_the_fourteen_regions_is_accepted() {
        for (cz.souhra.shared.ids.Region r : cz.souhra.shared.ids.Region.values()) {
            valid(new EstablishBodyCommand(BodyId.random(), r.regionCode(), BodyKind.PLATFORM, "Platforma", null, null));
        }
        assertThat(cz.souhra.shared.ids.Region.values()).hasSize(14);
    }

    @Test
    void an_unknown_or_retired_institution_is_refused_as_raisedBy() {
        DomainException unknown = refused(issue("Titulek", null, "NEEXISTUJE", null));
        assertThat(unknown.code()).isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(unknown.field()).isEqualTo("raisedBy");
        assertThat(refused(issue("Titulek", null, "ZANIKLA", null)).code()).isEqualTo("INACTIVE_INSTITUTION");
    }

    @Test
    void a_secretary_must_be_an_existing_active_user() {
        assertThat(refused(new AppointSecretaryCommand(BodyId.of(BODY), "nikdo", null)).code()).isEqualTo("UNKNOWN_USER");
        assertThat(refused(new AppointSecretaryCommand(BodyId.of(BODY), "blokovany", null)).code()).isEqualTo("INACTIVE_USER");
        valid(new AppointSecretaryCommand(BodyId.of(BODY), "jana", null));
    }

    @Test
    void a_user_of_an_unknown_institution_is_refused() {
        DomainException e = refused(new RegisterUserCommand("novy", "NEEXISTUJE", List.of("MEMBER"), "Nový", null));
        assertThat(e.code()).isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(e.field()).isEqualTo("institution");
        valid(new RegisterUserCommand("admin", null, List.of("ADMIN"), "Administrator"));
    }

    @Test
    void an_agenda_link_to_an_unknown_issue_or_to_a_meeting_is_refused_naming_its_index() {
        AddAgendaItemCommand toMeeting = new AddAgendaItemCommand(MeetingId.of(MEETING), AgendaItemId.random(), "Bod", null,
                List.of(IssueId.of(ISSUE), IssueId.of(MEETING)), null);
        DomainException e = refused(toMeeting);
        assertThat(e.code()).isEqualTo("UNKNOWN_ISSUE");
        assertThat(e.field()).isEqualTo("issues[1]");
        assertThat(refused(new AddAgendaItemCommand(MeetingId.of(MEETING), AgendaItemId.random(), "Bod", null,
                List.of(IssueId.random()), null)).field()).isEqualTo("issues[0]");
    }

    @Test
    void a_measure_owned_by_an_unknown_institution_or_addressing_an_unknown_issue_is_refused() {
        assertThat(refused(new AdoptMeasureCommand(MeetingId.of(MEETING), ResolutionId.random(), MeasureId.random(), "Opatření", null,
                InstitutionId.of("NEEXISTUJE"), TODAY, List.of(), null)).field()).isEqualTo("owner");
        assertThat(refused(new AdoptMeasureCommand(MeetingId.of(MEETING), ResolutionId.random(), MeasureId.random(), "Opatření", null,
                InstitutionId.of("MML"), TODAY, List.of(IssueId.random()), null)).field()).isEqualTo("addresses[0]");
    }

    @Test
    void a_substitute_must_be_named() {
        ConveneMeetingCommand c = new ConveneMeetingCommand(MeetingId.of(MEETING), NOW.minusSeconds(60),
                List.of(new Attendance(InstitutionId.of("MML"), AttendanceStatus.DELEGATE, "Jana", null),
                        new Attendance(InstitutionId.of("MML"), AttendanceStatus.SUBSTITUTE, "Jana", "  ")), null);
        DomainException e = refused(c);
        assertThat(e.code()).isEqualTo("SUBSTITUTE_UNNAMED");
        assertThat(e.field()).isEqualTo("attendance[1].substitute");
    }

    @Test
    void an_attendance_entry_of_an_unknown_institution_is_refused() {
        ConveneMeetingCommand c = new ConveneMeetingCommand(MeetingId.of(MEETING), NOW.minusSeconds(60),
                List.of(new Attendance(InstitutionId.of("NIKDO"), AttendanceStatus.DELEGATE, "Jana", null)), null);
        assertThat(refused(c).field()).isEqualTo("attendance[0].institution");
    }

    @Test
    void a_class_that_is_not_a_souhra_command_passes_unchecked() {
        Object other = "not a command";
        assertThat(valid(other)).isSameAs(other);
    }

    @Test
    void the_refusal_messages_exist_in_czech_and_english() {
        DomainException e = refused(issue("a\u202Eb", null, "MML", null));
        assertThat(e.message(java.util.Locale.ENGLISH)).startsWith("Field \"title\" contains the bidirectional control character U+202E");
        assertThat(e.message(java.util.Locale.forLanguageTag("cs"))).startsWith("Pole „title“ obsahuje znak pro změnu směru textu U+202E");
        assertThatThrownBy(() -> validator.validate(new EstablishBodyCommand(BodyId.random(), RegionCode.of("XYZ"), BodyKind.PLATFORM, "P", null, null),
                NOW, TODAY)).hasMessageContaining("\"XYZ\" is not a region code");
    }
}
