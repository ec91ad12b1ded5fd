package cz.souhra.infra.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.measure.CancelMeasureCommand;
import cz.souhra.shared.commands.measure.ExtendDeadlineCommand;
import cz.souhra.shared.commands.measure.ReassignMeasureCommand;
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
import cz.souhra.shared.commands.meeting.NoteMinutesObjectionCommand;
import cz.souhra.shared.commands.meeting.ObjectToMinutesCommand;
import cz.souhra.shared.commands.meeting.StartMinutesVerificationCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.CorrectMeetingRecordCommand;
import cz.souhra.shared.commands.meeting.RecordDiscussionCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.RemoveAgendaItemCommand;
import cz.souhra.shared.commands.meeting.ReorderAgendaCommand;
import cz.souhra.shared.commands.meeting.RescheduleMeetingCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.CarryOverProposal;
import cz.souhra.shared.queries.MeasurePage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingPage;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Bodies with their members and meetings, and the secretary's meeting workspace from scheduling to closing. */
@Controller
class MeetingPages extends Pages {

    /** A measure of the previous meeting that is still open, offered for carry-over. */
    record OpenMeasure(String measureId, String title, String owner, String status) {}

    private final Clock clock;
    private final QueryGateway queries;

    private final BodyAdminPages bodyAdmin;
    /** How long the verifiers of the minutes have to answer (souhra.minutes.verification-period). */
    private final Duration verificationPeriod;

    MeetingPages(Ui ui, MessageSource messages, Clock clock, QueryGateway queries, BodyAdminPages bodyAdmin,
                 @org.springframework.beans.factory.annotation.Value("${souhra.minutes.verification-period:P7D}") Duration verificationPeriod) {
        super(ui, messages);
        this.clock = clock;
        this.queries = queries;
        this.bodyAdmin = bodyAdmin;
        this.verificationPeriod = verificationPeriod;
    }

    // ---- bodies ----

    // the list of bodies and their administration: BodyAdminPages

    @GetMapping("/bodies/{id}")
    Mono<Rendering> body(@PathVariable String id, Actor actor) {
        return blocking(() -> bodyPage(id, actor, new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> bodyPage(String id, Actor actor, Form.Bag forms) {
        return bodyAdmin.bodyPage(id, actor, forms);
    }

    @PostMapping("/bodies/{id}/meetings")
    Mono<Rendering> schedule(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "schedule", Map.of(), f -> {
            MeetingId meeting = MeetingId.random();
            required(f, locale, "startsAt", "place");
            Instant startsAt = dateTime(f, "startsAt", locale);
            valid(f);
            ui.send(new ScheduleMeetingCommand(meeting, BodyId.of(id), startsAt, f.text("place")), actor, locale);
            ui.catchUp(() -> ui.meeting(meeting.value(), null, actor) != null);
            return "/meetings/" + meeting.value();
        }, forms -> bodyPage(id, actor, forms));
    }

    // ---- the meeting workspace ----

    @GetMapping("/meetings/{id}")
    Mono<Rendering> meeting(@PathVariable String id, @RequestParam(required = false) String asOf, Actor actor) {
        return blocking(() -> workspace(id, asOf(asOf), actor, new Form.Bag(null)).build());
    }

    /** The live part of the workspace: the record as it stands, re-fetched when the meeting changes. */
    @GetMapping("/meetings/{id}/record")
    Mono<Rendering> record(@PathVariable String id, Actor actor) {
        return blocking(() -> {
            MeetingView m = ui.meeting(id, null, actor);
            return Rendering.view("meeting :: record").modelAttribute("m", m).modelAttribute("names", ui.institutionNames())
                    .modelAttribute("carried", carried(m)).modelAttribute("asOf", null).build();
        });
    }

    /** Meeting changes as server-sent events ("changed" with the new version), for the page's live refresh. */
    @GetMapping(value = "/meetings/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> live(@PathVariable String id, Actor actor) {
        return Mono.fromCallable(() -> ui.meeting(id, null, actor)).subscribeOn(Schedulers.boundedElastic()).flatMapMany(first -> {
            SubscriptionQueryResult<MeetingView, MeetingView> result = queries.subscriptionQuery(new MeetingQueries.MeetingUpdates(id),
                    ResponseTypes.instanceOf(MeetingView.class), ResponseTypes.instanceOf(MeetingView.class));
            return result.updates().map(v -> ServerSentEvent.builder(String.valueOf(v.version())).event("changed").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<String>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }

    private Rendering.Builder<?> workspace(String id, Instant asOf, Actor actor, Form.Bag forms) {
        MeetingView m = ui.meeting(id, asOf, actor);
        BodyView b = ui.body(m.bodyId(), actor);
        boolean open = !"CLOSED".equals(m.status()) && !"CANCELLED".equals(m.status());
        boolean canRecord = asOf == null && open && actor.isSecretaryOf(m.bodyId());
        Rendering.Builder<?> page = Rendering.view("meeting").modelAttribute("m", m).modelAttribute("b", b)
                .modelAttribute("names", ui.institutionNames()).modelAttribute("canRecord", canRecord)
                .modelAttribute("convened", m.convenedAt() != null).modelAttribute("asOf", asOf).modelAttribute("forms", forms)
                .modelAttribute("carried", carried(m))
                .modelAttribute("statuses", AttendanceStatus.values())
                .modelAttribute("canCorrect", asOf == null && "CLOSED".equals(m.status()) && actor.isSecretaryOf(m.bodyId()));
        minutesApproval(page, m, asOf, actor);
        if (canRecord) {
            page.modelAttribute("quorum", quorum(m, sheet(forms.get("convene"), m)));
            if (m.convenedAt() == null) {
                CarryOverProposal proposal = ui.query(new MeetingQueries.ProposeCarryOver(id), CarryOverProposal.class);
                boolean carried = m.agenda() != null && m.agenda().stream().anyMatch(i -> i.carriedFrom() != null)
                        || m.carriedMeasures() != null && !m.carriedMeasures().isEmpty();
                if (proposal.fromMeetingId() != null && !carried) {
                    page.modelAttribute("proposal", proposal);
                }
            } else if (!m.inquorate()) {
                page.modelAttribute("decidable", decidable(m, actor)).modelAttribute("decisions", DECISIONS)
                        .modelAttribute("bodyMeasures", bodyMeasures(m, actor));
            }
        }
        return page;
    }

    /**
     * What the approval of the minutes offers this user: the secretary names the verifiers among the
     * institutions present, corrects the draft or notes objections; a verifier whose institution has not yet
     * confirmed the current draft confirms or objects. The meeting decides again on every command.
     */
    private void minutesApproval(Rendering.Builder<?> page, MeetingView m, Instant asOf, Actor actor) {
        MeetingView.MinutesApproval a = m.minutesApproval();
        boolean secretary = asOf == null && actor.isSecretaryOf(m.bodyId());
        if (secretary && a == null && "CLOSED".equals(m.status()) && m.minutes() != null) {
            page.modelAttribute("verifierChoices", Objects.requireNonNullElse(m.attendance(), List.<MeetingView.AttendanceLine>of()).stream()
                    .filter(l -> "DELEGATE".equals(l.status()) || "SUBSTITUTE".equals(l.status())).toList())
                    .modelAttribute("periodDays", verificationPeriod.toDays());
        }
        if (a == null || !"IN_VERIFICATION".equals(a.status()) || asOf != null) {
            return;
        }
        page.modelAttribute("canAnswerObjections", secretary);
        if (actor.institution() != null) {
            a.verifiers().stream().filter(v -> actor.institution().equals(v.institution()) && !"CONFIRMED".equals(v.state())).findFirst()
                    .ifPresent(v -> page.modelAttribute("myVerifier", v));
        }
    }

    @PostMapping("/meetings/{id}/minutes/verification")
    Mono<Rendering> startVerification(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutesStart", Map.of("MINUTES_VERIFICATION_STARTED", "verifiers", "MINUTES_VERIFIER_NOT_PRESENT", "verifiers",
                "MINUTES_NOT_RECORDED", "verifiers", "MINUTES_MEETING_NOT_CLOSED", "verifiers"),
                f -> msg(UiAdvice.locale(exchange), "confirm.minutesStart"), (f, locale) -> {
                    if (f.all("verifiers").isEmpty()) {
                        f.reject("verifiers", msg(locale, "form.required"));
                    }
                    valid(f);
                    ui.send(new StartMinutesVerificationCommand(MeetingId.of(id), f.all("verifiers").stream().map(InstitutionId::of).toList(),
                            clock.instant(), verificationPeriod, null), actor, locale);
                    return "#minutes-approval";
                });
    }

    @PostMapping("/meetings/{id}/minutes/confirm")
    Mono<Rendering> confirmMinutes(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutesConfirm", Map.of("MINUTES_VERSION_STALE", "version"),
                f -> msg(UiAdvice.locale(exchange), "confirm.minutesConfirm"), (f, locale) -> {
                    required(f, locale, "version");
                    int version = integer(f, "version", 1, locale);
                    valid(f);
                    ui.send(new ConfirmMinutesCommand(MeetingId.of(id), version, clock.instant()), actor, locale);
                    return "#minutes-approval";
                });
    }

    @PostMapping("/meetings/{id}/minutes/objections")
    Mono<Rendering> objectToMinutes(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutesObject", Map.of("MINUTES_VERSION_STALE", "text", "MINUTES_ALREADY_CONFIRMED", "text"),
                f -> msg(UiAdvice.locale(exchange), "confirm.minutesObject"), (f, locale) -> {
                    required(f, locale, "version", "text");
                    int version = integer(f, "version", 1, locale);
                    valid(f);
                    ui.send(new ObjectToMinutesCommand(MeetingId.of(id), version, f.text("text"), clock.instant()), actor, locale);
                    return "#minutes-approval";
                });
    }

    @PostMapping("/meetings/{id}/minutes/draft")
    Mono<Rendering> correctMinutesDraft(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutesDraft", Map.of("MINUTES_DRAFT_UNCHANGED", "text"),
                f -> msg(UiAdvice.locale(exchange), "confirm.minutesDraft"), (f, locale) -> {
                    required(f, locale, "text");
                    valid(f);
                    ui.send(new CorrectMinutesDraftCommand(MeetingId.of(id), f.text("text"), f.text("note"), clock.instant(), verificationPeriod, null),
                            actor, locale);
                    return "#minutes-approval";
                });
    }

    @PostMapping("/meetings/{id}/minutes/objections/{objection}/note")
    Mono<Rendering> noteObjection(@PathVariable String id, @PathVariable int objection, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutesNote-" + objection, Map.of("MINUTES_OBJECTION_ANSWERED", "note"),
                f -> msg(UiAdvice.locale(exchange), "confirm.minutesNote"), (f, locale) -> {
                    required(f, locale, "note");
                    valid(f);
                    ui.send(new NoteMinutesObjectionCommand(MeetingId.of(id), objection, f.text("note"), clock.instant()), actor, locale);
                    f.done("minutesNote");
                    return "#minutes-approval";
                });
    }

    /** The decisions a later meeting takes about a measure; the last three end it and are confirmed first. */
    static final List<String> DECISIONS = List.of("EXTEND", "REASSIGN", "VERIFY", "CANCEL", "SUPERSEDE");
    private static final java.util.Set<String> FINAL_DECISIONS = java.util.Set.of("VERIFY", "CANCEL", "SUPERSEDE");

    private List<MeasureView> bodyMeasures(MeetingView m, Actor actor) {
        return ui.query(new MeasureQueries.ListMeasures(ui.viewer(actor), null, null, null, m.bodyId(), null, null, 0, 500, "title"),
                MeasurePage.class).items();
    }

    /** Open measures of the body adopted before this meeting: those its resolutions may decide about. */
    private List<MeasureView> decidable(MeetingView m, Actor actor) {
        java.util.Set<String> adoptedHere = new java.util.HashSet<>();
        Objects.requireNonNullElse(m.measures(), List.<MeetingView.AdoptedMeasure>of()).forEach(a -> adoptedHere.add(a.measureId()));
        return bodyMeasures(m, actor).stream().filter(MeetingPages::isOpenMeasure).filter(v -> !adoptedHere.contains(v.measureId())).toList();
    }

    /** The measures followed up at this meeting, by title: an id means nothing to the people at the table. */
    private List<OpenMeasure> carried(MeetingView m) {
        List<OpenMeasure> out = new ArrayList<>();
        for (MeetingView.CarriedMeasure c : Objects.requireNonNullElse(m.carriedMeasures(), List.<MeetingView.CarriedMeasure>of())) {
            MeasureView v = ui.measureIfReadable(c.measureId()).orElse(null);
            out.add(v == null ? new OpenMeasure(c.measureId(), null, null, null) : new OpenMeasure(v.measureId(), v.title(), v.owner(), v.status()));
        }
        return out;
    }

    /**
     * The attendance typed so far: one select per member, {@code status_CODE}, {@code delegate_CODE} and, for a
     * substitute, {@code substitute_CODE} (who came instead of the delegate).
     */
    private static List<Attendance> sheet(Form f, MeetingView m) {
        List<Attendance> sheet = new ArrayList<>();
        for (String member : Objects.requireNonNullElse(m.members(), List.<String>of())) {
            String status = f.text("status_" + member);
            if (status != null) {
                sheet.add(new Attendance(InstitutionId.of(member), AttendanceStatus.valueOf(status), f.text("delegate_" + member),
                        f.text("substitute_" + member)));
            }
        }
        return sheet;
    }

    record Quorum(long present, long members, long required, boolean met) {}

    private static Quorum quorum(MeetingView m, List<Attendance> sheet) {
        QuorumRule rule = m.quorumPercent() == null ? QuorumRule.MORE_THAN_HALF
                : new QuorumRule(m.quorumPercent(), Boolean.TRUE.equals(m.quorumStrictlyMore()));
        long members = m.members() == null ? 0 : m.members().size();
        long present = sheet.stream().filter(a -> a.status().present()).count();
        return new Quorum(present, members, rule.required(members), rule.isMet(present, members));
    }

    /** Quorum as the attendance is being typed (htmx); the aggregate decides again when the meeting is convened. */
    @PostMapping("/meetings/{id}/quorum")
    Mono<Rendering> quorumPreview(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(data -> blocking(() -> {
            MeetingView m = ui.meeting(id, null, actor);
            return Rendering.view("meeting :: quorum").modelAttribute("quorum", quorum(m, sheet(new Form("convene", data), m))).build();
        }));
    }

    @PostMapping("/meetings/{id}/agenda-items")
    Mono<Rendering> addItem(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "agenda", Map.of("AGENDA_ITEM_EXISTS", "title"), (f, locale) -> {
            String presenter = f.text("presenter");
            required(f, locale, "title");
            valid(f);
            ui.send(new AddAgendaItemCommand(MeetingId.of(id), AgendaItemId.random(), f.text("title"),
                    presenter == null ? null : InstitutionId.of(presenter), List.of(), null), actor, locale);
            return "#agenda";
        });
    }

    /** The agenda in a new order: one position per item ({@code position_ITEM}); equal positions keep the items' present order. */
    @PostMapping("/meetings/{id}/agenda-order")
    Mono<Rendering> reorder(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "order", Map.of("AGENDA_ORDER_MISMATCH", "order"), (f, locale) -> {
            List<MeetingView.AgendaItem> agenda = Objects.requireNonNullElse(ui.meeting(id, null, actor).agenda(), List.<MeetingView.AgendaItem>of());
            Map<String, Integer> position = new java.util.HashMap<>();
            for (MeetingView.AgendaItem item : agenda) {
                String field = "position_" + item.itemId();
                required(f, locale, field);
                position.put(item.itemId(), integer(f, field, 0, locale));
            }
            valid(f);
            List<AgendaItemId> order = agenda.stream().map(MeetingView.AgendaItem::itemId)
                    .sorted(java.util.Comparator.comparingInt(position::get)).map(AgendaItemId::of).toList();
            ui.send(new ReorderAgendaCommand(MeetingId.of(id), order, null), actor, locale);
            return "#agenda";
        });
    }

    @PostMapping("/meetings/{id}/carry-over")
    Mono<Rendering> carryOver(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "carry", Map.of("MEASURE_NOT_OPEN_HERE", "measures"), (f, locale) -> {
            ui.send(new CarryOverCommand(MeetingId.of(id), MeetingId.of(f.v("fromMeetingId")),
                    f.all("measures").stream().map(MeasureId::of).toList()), actor, locale);
            return "#agenda";
        });
    }

    @PostMapping("/meetings/{id}/convene")
    Mono<Rendering> convene(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "convene", Map.of("QUORUM_NOT_MET", "attendance", "ATTENDANCE_NOT_MEMBER", "attendance",
                "ATTENDANCE_DUPLICATE", "attendance", "MEETING_ALREADY_CONVENED", "attendance"), (f, locale) -> {
            MeetingView m = ui.meeting(id, null, actor);
            // A sitting recorded afterwards began at its scheduled start, so measures adopted there date from
            // it; one scheduled later than now is refused by the meeting (reschedule it first).
            java.time.Instant now = clock.instant();
            java.time.Instant start = m.startsAt() == null ? now : java.time.Instant.parse(m.startsAt());
            ui.send(new ConveneMeetingCommand(MeetingId.of(id), start.isAfter(now) ? now : start, sheet(f, m), null), actor, locale);
            return "#attendance";
        });
    }

    @PostMapping("/meetings/{id}/agenda-items/{itemId}/discussion")
    Mono<Rendering> discuss(@PathVariable String id, @PathVariable String itemId, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "discussion-" + itemId, Map.of("MEETING_NOT_CONVENED", "summary"), (f, locale) -> {
            required(f, locale, "summary");
            valid(f);
            ui.send(new RecordDiscussionCommand(MeetingId.of(id), AgendaItemId.of(itemId), f.text("summary"), f.text("concluded") != null, null),
                    actor, locale);
            return "#item-" + itemId;
        });
    }

    @PostMapping("/meetings/{id}/resolutions")
    Mono<Rendering> resolve(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "resolution", Map.of("MEETING_NOT_CONVENED", "text", "RESOLUTION_EXISTS", "number"), (f, locale) -> {
            String item = f.text("itemId");
            required(f, locale, "text");
            Votes votes = new Votes(integer(f, "inFavour", 0, locale), integer(f, "against", 0, locale), integer(f, "abstained", 0, locale));
            valid(f);
            ui.send(new AdoptResolutionCommand(MeetingId.of(id), ResolutionId.random(), item == null ? null : AgendaItemId.of(item), f.text("number"),
                    f.text("text"), votes, null), actor, locale);
            return "#resolutions";
        });
    }

    @PostMapping("/meetings/{id}/resolutions/{resolutionId}/measures")
    Mono<Rendering> adoptMeasure(@PathVariable String id, @PathVariable String resolutionId, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "measure-" + resolutionId, Map.of("OWNER_NOT_MEMBER", "owner", "MEASURE_OUTSIDE_MEETING", "title"), f -> {
            String owner = f.text("owner");
            MeasureId measure = MeasureId.random();
            required(f, locale, "title", "owner", "dueDate");
            java.time.LocalDate due = date(f, "dueDate", locale);
            valid(f);
            ui.send(new AdoptMeasureCommand(MeetingId.of(id), ResolutionId.of(resolutionId), measure, f.text("title"),
                    f.text("description"), InstitutionId.of(owner), due, List.of(), null), actor, locale);
            // The measure is a new aggregate; the meeting shows it once its adoption has been projected.
            ui.catchUp(() -> ui.meeting(id, null, actor).measures().stream().anyMatch(a -> a.measureId().equals(measure.value())));
            return "/meetings/" + id + "#resolution-" + resolutionId;
        }, forms -> workspace(id, null, actor, forms));
    }

    @PostMapping("/meetings/{id}/minutes")
    Mono<Rendering> minutes(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "minutes", Map.of("MEETING_NOT_CONVENED", "text"), (f, locale) -> {
            required(f, locale, "text");
            valid(f);
            ui.send(new RecordMinutesCommand(MeetingId.of(id), f.text("text"), null), actor, locale);
            return "#minutes";
        });
    }

    @PostMapping("/meetings/{id}/reschedule")
    Mono<Rendering> reschedule(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "reschedule", Map.of("MEETING_ALREADY_CONVENED", "startsAt"), (f, locale) -> {
            required(f, locale, "startsAt", "place", "reason");
            Instant startsAt = dateTime(f, "startsAt", locale);
            valid(f);
            ui.send(new RescheduleMeetingCommand(MeetingId.of(id), startsAt, f.text("place"), f.text("reason"), null), actor, locale);
            return "";
        });
    }

    @PostMapping("/meetings/{id}/cancel")
    Mono<Rendering> cancel(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "cancel", Map.of("MEETING_ALREADY_CONVENED", "reason"),
                f -> msg(UiAdvice.locale(exchange), "confirm.cancelMeeting"), (f, locale) -> {
                    required(f, locale, "reason");
                    valid(f);
                    ui.send(new CancelMeetingCommand(MeetingId.of(id), f.text("reason"), null), actor, locale);
                    return "";
                });
    }

    @PostMapping("/meetings/{id}/agenda-items/{itemId}/remove")
    Mono<Rendering> removeItem(@PathVariable String id, @PathVariable String itemId, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "remove-" + itemId, Map.of("MEETING_ALREADY_CONVENED", "reason", "AGENDA_ITEM_UNKNOWN", "reason"),
                f -> msg(UiAdvice.locale(exchange), "confirm.removeItem"), (f, locale) -> {
                    required(f, locale, "reason");
                    valid(f);
                    ui.send(new RemoveAgendaItemCommand(MeetingId.of(id), AgendaItemId.of(itemId), f.text("reason"), null), actor, locale);
                    return "#agenda";
                });
    }

    /**
     * A decision of this meeting about a measure adopted earlier (rozhodnutí o opatření): extend its deadline,
     * reassign it, verify its completion, cancel or supersede it, each by one of this meeting's resolutions.
     */
    @PostMapping("/meetings/{id}/measure-decisions")
    Mono<Rendering> decide(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        Map<String, String> fields = Map.ofEntries(Map.entry("RESOLUTION_UNKNOWN", "resolutionId"), Map.entry("QUORUM_NOT_MET", "resolutionId"),
                Map.entry("DUE_DATE_NOT_LATER", "dueDate"), Map.entry("SAME_OWNER", "owner"), Map.entry("OWNER_NOT_MEMBER", "owner"),
                Map.entry("MEASURE_NOT_COMPLETED", "measureId"), Map.entry("MEASURE_CLOSED", "measureId"),
                Map.entry("DECISION_NOT_LATER", "measureId"), Map.entry("DECISION_OTHER_BODY", "measureId"), Map.entry("NOT_FOUND", "measureId"));
        return submit(exchange, "decision", fields,
                f -> FINAL_DECISIONS.contains(f.text("decision")) ? msg(locale, "confirm.decision." + f.text("decision")) : null, f -> {
                    required(f, locale, "measureId", "decision", "resolutionId");
                    String decision = f.text("decision");
                    if (decision != null && !DECISIONS.contains(decision)) {
                        f.reject("decision", msg(locale, "form.required"));
                    }
                    LocalDate due = null;
                    if ("EXTEND".equals(decision)) {
                        required(f, locale, "dueDate", "reason");
                        due = date(f, "dueDate", locale);
                    } else if ("REASSIGN".equals(decision)) {
                        required(f, locale, "owner", "reason");
                    } else if ("SUPERSEDE".equals(decision)) {
                        required(f, locale, "supersededBy", "reason");
                    } else if ("CANCEL".equals(decision)) {
                        required(f, locale, "reason");
                    }
                    valid(f);
                    MeetingId meeting = MeetingId.of(id);
                    MeasureId measure = MeasureId.of(f.text("measureId"));
                    ResolutionId resolution = ResolutionId.of(f.text("resolutionId"));
                    String reason = f.text("reason");
                    long before = ui.measure(measure.value(), null, actor).version();
                    ui.send(switch (decision) {
                        case "EXTEND" -> new ExtendDeadlineCommand(measure, meeting, resolution, due, reason, null);
                        case "REASSIGN" -> new ReassignMeasureCommand(measure, meeting, resolution, InstitutionId.of(f.text("owner")), reason, null);
                        case "VERIFY" -> new VerifyCompletionCommand(measure, meeting, resolution, reason, null);
                        case "CANCEL" -> new CancelMeasureCommand(measure, meeting, resolution, reason, null);
                        default -> new SupersedeMeasureCommand(measure, meeting, resolution, MeasureId.of(f.text("supersededBy")), reason, null);
                    }, actor, locale);
                    ui.catchUp(() -> ui.measure(measure.value(), null, actor).version() > before);
                    f.done("decision." + decision);
                    return "/meetings/" + id + "#decisions";
                }, forms -> workspace(id, null, actor, forms));
    }

    @PostMapping("/meetings/{id}/close")
    Mono<Rendering> close(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "close", Map.of(), f -> msg(UiAdvice.locale(exchange), "confirm.close"), (f, locale) -> {
            ui.send(new CloseMeetingCommand(MeetingId.of(id), clock.instant(), null), actor, locale);
            return "";
        });
    }

    /** A correction of a closed meeting's record: the record stays locked, the correction is added with its reason. */
    @PostMapping("/meetings/{id}/corrections")
    Mono<Rendering> correct(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return change(id, actor, exchange, "correction", Map.of("MEETING_NOT_CLOSED", "what"),
                f -> msg(UiAdvice.locale(exchange), "confirm.correction"), (f, locale) -> {
                    required(f, locale, "what", "correction", "reason");
                    valid(f);
                    ui.send(new CorrectMeetingRecordCommand(MeetingId.of(id), f.text("what"), f.text("correction"), f.text("reason"), null), actor, locale);
                    return "#corrections";
                });
    }

    interface Change {
        String apply(Form f, Locale locale);
    }

    /**
     * One change of the meeting: remembers the version shown, sends the command, waits until the read
     * side shows a later version, and returns to the workspace at the part that changed.
     */
    private Mono<Rendering> change(String id, Actor actor, ServerWebExchange exchange, String formId, Map<String, String> fields, Change change) {
        return change(id, actor, exchange, formId, fields, f -> null, change);
    }

    private Mono<Rendering> change(String id, Actor actor, ServerWebExchange exchange, String formId, Map<String, String> fields,
                                   java.util.function.Function<Form, String> confirm, Change change) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, formId, fields, confirm, f -> {
            long before = ui.meeting(id, null, actor).version();
            String anchor = change.apply(f, locale);
            ui.catchUp(() -> ui.meeting(id, null, actor).version() > before);
            return "/meetings/" + id + anchor;
        }, forms -> workspace(id, null, actor, forms));
    }

    /** Still to be followed up at the next meeting: a completed measure waits there for its verification. */
    static boolean isOpenMeasure(MeasureView v) {
        return !List.of("VERIFIED", "CANCELLED", "SUPERSEDED").contains(v.status());
    }
}
