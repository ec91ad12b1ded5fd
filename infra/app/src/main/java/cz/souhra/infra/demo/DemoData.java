package cz.souhra.infra.demo;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

import cz.souhra.command.user.UserAccount;
import cz.souhra.infra.security.PasswordPolicy;
import cz.souhra.infra.security.UserStore;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AdmitMemberCommand;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.RecordDiscussionCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
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
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;

/**
 * Demo data for anyone who wants to look around: the Liberec region of {@code demo/liberec.json} (its
 * institutions, the regional platform and two working groups) plus an invented meeting with issues and
 * measures, all recorded through the command side so that the demo has a real, verifiable history. Only
 * with {@code --souhra.demo=true}; never on a real deployment by default. Loading twice changes nothing.
 * <p>
 * It makes one account per role besides the administrator: {@code tajemnice} (secretary of every demo body,
 * the platform included), {@code mml} (member for Magistrát města Liberec) and {@code auditor}. There is no
 * default password: each comes from {@code SOUHRA_DEMO_SECRETARY_PASSWORD}, {@code SOUHRA_DEMO_MEMBER_PASSWORD},
 * {@code SOUHRA_DEMO_AUDITOR_PASSWORD} (checked by the password policy) or is generated and printed once.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "souhra.demo", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String SECRETARY = "tajemnice";
    private static final String MEMBER = "mml";
    private static final String AUDITOR = "auditor";

    private final CommandGateway commands;
    private final Clock clock;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final List<DemoAccount> accounts;
    private final Actor admin = new Actor("admin", null, Set.of(Actor.Role.ADMIN), Set.of());

    /** One account a demo visitor logs in with; {@code configured}: the password from the environment, blank for a generated one. */
    record DemoAccount(String user, String institution, Actor.Role role, String displayName, String variable, String configured) {}

    DemoData(CommandGateway commands, Clock clock, UserStore users, PasswordEncoder encoder, PasswordPolicy policy,
             @Value("${souhra.demo-passwords.secretary:${SOUHRA_DEMO_SECRETARY_PASSWORD:}}") String secretaryPassword,
             @Value("${souhra.demo-passwords.member:${SOUHRA_DEMO_MEMBER_PASSWORD:}}") String memberPassword,
             @Value("${souhra.demo-passwords.auditor:${SOUHRA_DEMO_AUDITOR_PASSWORD:}}") String auditorPassword) {
        this.commands = commands;
        this.clock = clock;
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.accounts = List.of(
                new DemoAccount(SECRETARY, "CPICLB", Actor.Role.SECRETARY, "Tajemnice CPIC", "SOUHRA_DEMO_SECRETARY_PASSWORD", secretaryPassword),
                new DemoAccount(MEMBER, "MML", Actor.Role.MEMBER, "Jana Nováková (Magistrát města Liberec)", "SOUHRA_DEMO_MEMBER_PASSWORD", memberPassword),
                new DemoAccount(AUDITOR, null, Actor.Role.AUDITOR, "Auditor", "SOUHRA_DEMO_AUDITOR_PASSWORD", auditorPassword));
    }

    /**
     * Makes every demo account usable: registered with its role, and with a password if it has none (from the
     * environment, else generated). Runs at every start, so a demo store recorded by an earlier version, whose
     * secretary account had neither role nor password, gets both. Returns what to print: a generated password
     * is shown this once and never again.
     */
    private List<String> ensureAccounts() {
        List<String> lines = new ArrayList<>();
        Actor system = new Actor(UserAccount.SYSTEM, null, Set.of(), Set.of());
        for (DemoAccount a : accounts) {
            var existing = users.view(a.user());
            if (existing.isEmpty()) {
                send(new RegisterUserCommand(a.user(), a.institution(), List.of(a.role().name()), a.displayName(), null), admin);
            } else if (!existing.get().roles().contains(a.role().name())) {
                send(new GrantRoleCommand(a.user(), a.role().name(), null), admin);
            }
            if (users.hasPassword(a.user())) {
                continue;
            }
            boolean generated = a.configured() == null || a.configured().isBlank();
            String password = generated ? policy.oneTimePassword(a.user()) : a.configured();
            if (!generated) {
                policy.requireAcceptable(a.variable(), a.user(), password);
            }
            if (existing.isPresent()) {
                // the account was there without a password: the record says one was set
                send(new ChangePasswordCommand(a.user()), system);
            }
            users.setPasswordHash(a.user(), encoder.encode(password));
            lines.add(String.format("  %-10s %-9s %s", a.user(), a.role().name().toLowerCase(java.util.Locale.ROOT),
                    generated ? password : "(" + a.variable() + ")"));
        }
        return lines;
    }

    private void announce(List<String> lines) {
        if (lines.isEmpty()) {
            log.info("Demo accounts: {} (secretary of the demo bodies), {} (member for MML), {} (auditor); their passwords were set at an earlier start",
                    SECRETARY, MEMBER, AUDITOR);
            return;
        }
        // Printed once, to the console of whoever started the demo; not stored anywhere in clear.
        log.warn("\n\n  Demo accounts (log in at /login; the administrator is 'admin' with SOUHRA_ADMIN_PASSWORD or the password printed above):\n"
                + "  user       role      password\n{}\n  Generated passwords are shown only now.\n", String.join("\n", lines));
    }

    private void send(Object command, Actor actor) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.toMetaData()));
    }

    /** Stable ids derived from the demo codes, so a second load finds what the first one created. */
    private static String id(String name) {
        return java.util.UUID.nameUUIDFromBytes(("souhra-demo/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        JsonNode demo;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/liberec.json")) {
            demo = new ObjectMapper().readTree(in);
        }
        RegionCode region = RegionCode.of(demo.get("region").get("code").asText());
        try {
            for (JsonNode i : demo.get("institutions")) {
                send(new RegisterInstitutionCommand(InstitutionId.of(i.get("code").asText()), region, InstitutionKind.valueOf(i.get("kind").asText()),
                        i.get("name").asText()), admin);
            }
        } catch (AggregateStreamCreationException alreadyLoaded) {
            log.info("Demo data already loaded");
            announce(ensureAccounts());
            return;
        }
        // the accounts before the bodies: a secretary is appointed only as an existing account
        List<String> printed = ensureAccounts();
        Map<String, BodyId> bodies = new HashMap<>();
        Map<String, List<InstitutionId>> members = new HashMap<>();
        for (JsonNode b : demo.get("bodies")) {
            BodyId body = BodyId.of(id(b.get("code").asText()));
            bodies.put(b.get("code").asText(), body);
            send(new EstablishBodyCommand(body, region, BodyKind.valueOf(b.get("kind").asText()), b.get("name").asText(), b.path("meetingsPerYear").isInt() ? b.get("meetingsPerYear").asInt() : null,
                    QuorumRule.MORE_THAN_HALF), admin);
            List<InstitutionId> list = new ArrayList<>();
            for (JsonNode m : b.get("members")) {
                InstitutionId inst = InstitutionId.of(m.asText());
                list.add(inst);
                send(new AdmitMemberCommand(body, inst, null), admin);
            }
            members.put(b.get("code").asText(), list);
            send(new AppointSecretaryCommand(body, SECRETARY, null), admin);
        }

        // An invented sitting of the working group on industrial zones and dormitories.
        BodyId zones = bodies.get("PS-ZONY");
        // The secretary of bodies established in the demo's region acts in that region (what the HTTP edge resolves
        // from the directory, which may not have projected these bodies yet).
        Actor secretary = new Actor("tajemnice", "CPICLB", Set.of(Actor.Role.SECRETARY), Set.copyOf(bodies.values().stream().map(BodyId::value).toList()),
                Set.of(region.value()));
        LocalDate today = LocalDate.now(clock.withZone(cz.souhra.shared.model.CzechTime.ZONE));
        Instant held = today.minusDays(20).atTime(9, 0).atZone(cz.souhra.shared.model.CzechTime.ZONE).toInstant();
        IssueId dormitory = IssueId.of(id("issue-dormitory"));
        IssueId agency = IssueId.of(id("issue-agency"));
        IssueId school = IssueId.of(id("issue-school"));
        send(new RaiseIssueCommand(dormitory, region, IssueCategory.DORMITORY_TENSIONS, "Stížnosti obyvatel na ubytovnu v Doubí",
                "Noční hluk a parkování u ubytovny agenturních pracovníků v průmyslové zóně Jih.", "Liberec-Doubí", InstitutionId.of("MML"),
                today.minusDays(40), null), secretary);
        send(new RaiseIssueCommand(agency, region, IssueCategory.AGENCY_EMPLOYMENT, "Nelegální agenturní zprostředkování v Jablonci",
                "Podezření na zprostředkování práce bez povolení; pracovníci bez pojištění.", "Jablonec nad Nisou", InstitutionId.of("OIPLB"),
                today.minusDays(35), null), secretary);
        send(new RaiseIssueCommand(school, region, IssueCategory.SCHOOLS, "Zápis dětí cizinců do ZŠ v průběhu roku",
                "Školy ve spádových oblastech ubytoven nemají volnou kapacitu.", "Liberec", InstitutionId.of("KULK"), today.minusDays(30), null), secretary);

        MeetingId meeting = MeetingId.of(id("meeting-zones-1"));
        send(new ScheduleMeetingCommand(meeting, zones, held, "Krajský úřad Libereckého kraje, zasedací místnost 3"), secretary);
        AgendaItemId item1 = AgendaItemId.of(id("item-1"));
        AgendaItemId item2 = AgendaItemId.of(id("item-2"));
        send(new AddAgendaItemCommand(meeting, item1, "Situace kolem ubytoven v průmyslových zónách", InstitutionId.of("MML"), List.of(dormitory), null), secretary);
        send(new AddAgendaItemCommand(meeting, item2, "Kontroly agenturního zaměstnávání", InstitutionId.of("OIPLB"), List.of(agency), null), secretary);
        List<Attendance> sheet = new ArrayList<>();
        int n = 0;
        for (InstitutionId m : members.get("PS-ZONY")) {
            AttendanceStatus status = n % 4 == 3 ? AttendanceStatus.EXCUSED : n % 3 == 2 ? AttendanceStatus.SUBSTITUTE : AttendanceStatus.DELEGATE;
            sheet.add(new Attendance(m, status, status == AttendanceStatus.DELEGATE ? "delegát/ka " + m.value() : null,
                    status == AttendanceStatus.SUBSTITUTE ? "zástup " + m.value() : null));
            n++;
        }
        send(new ConveneMeetingCommand(meeting, held, sheet, null), secretary);
        send(new RecordDiscussionCommand(meeting, item1, "MML informoval o 14 stížnostech za poslední čtvrtletí; KŘP zvýší hlídkovou činnost.", true, null), secretary);
        send(new RecordDiscussionCommand(meeting, item2, "OIP provedl 6 kontrol, ve 2 případech zjištěno nelegální zaměstnávání.", false, null), secretary);
        ResolutionId r1 = ResolutionId.of(id("resolution-1"));
        ResolutionId r2 = ResolutionId.of(id("resolution-2"));
        send(new AdoptResolutionCommand(meeting, r1, item1, "1/" + today.getYear(), "Pracovní skupina ukládá Magistrátu města Liberec svolat jednání s provozovatelem ubytovny.", null, null), secretary);
        send(new AdoptResolutionCommand(meeting, r2, item2, "2/" + today.getYear(), "Pracovní skupina ukládá OIP a Úřadu práce společné kontroly agentur.",
                new cz.souhra.shared.model.Votes(5, 0, 1), null), secretary);
        MeasureId m1 = MeasureId.of(id("measure-1"));
        MeasureId m2 = MeasureId.of(id("measure-2"));
        MeasureId m3 = MeasureId.of(id("measure-3"));
        send(new AdoptMeasureCommand(meeting, r1, m1, "Jednání s provozovatelem ubytovny v Doubí", "Domluvit noční klid a parkování.", InstitutionId.of("MML"),
                today.plusDays(30), List.of(dormitory), "Usnesení 1"), secretary);
        send(new AdoptMeasureCommand(meeting, r2, m2, "Společné kontroly agentur práce", null, InstitutionId.of("OIPLB"), today.plusDays(60), List.of(agency),
                "Usnesení 2"), secretary);
        send(new AdoptMeasureCommand(meeting, r2, m3, "Informační leták pro agenturní pracovníky", null, InstitutionId.of("UPLB"), today.minusDays(2),
                List.of(agency), "Usnesení 2"), secretary);
        send(new ReportProgressCommand(m1, 50, "Schůzka s provozovatelem proběhla, čeká se na úpravu provozního řádu.", today.minusDays(5), null),
                new Actor(MEMBER, "MML", Set.of(Actor.Role.MEMBER), Set.of(), Set.of(region.value())));
        send(new RecordMinutesCommand(meeting, "Jednání řídila tajemnice CPIC. Program schválen bez připomínek.", null), secretary);
        send(new CloseMeetingCommand(meeting, held.plusSeconds(3 * 3600), null), secretary);
        log.info("Demo data loaded: region {}, {} bodies, 3 issues, 1 closed meeting, 3 measures (one overdue)", region, bodies.size());
        announce(printed);
    }
}
