package cz.souhra.command.meeting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.command.web.CommandSender;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CancelMeetingCommand;
import cz.souhra.shared.commands.meeting.CarryOverCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
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
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.Votes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** The secretary's recording of a meeting, from scheduling to closing. */
@RestController
@RequestMapping("/api/meetings")
class MeetingCommandController {

    record Schedule(@NotBlank String bodyId, @NotNull Instant startsAt, @NotBlank @Size(max = 500) String place) {}

    record Reschedule(@NotNull Instant startsAt, @Size(max = 500) String place, @NotBlank @Size(max = 2000) String reason) {}

    record Reason(@NotBlank @Size(max = 2000) String reason) {}

    record Item(@NotBlank @Size(max = 500) String title, @Size(max = 32) String presenter, @Size(max = 50) List<String> issues) {}

    record Order(@jakarta.validation.constraints.NotNull @Size(max = 500) List<String> order) {}

    record CarryOver(@NotBlank String fromMeetingId, @Size(max = 200) List<String> openMeasures) {}

    record Present(@NotBlank @Size(max = 32) String institution, @NotNull AttendanceStatus status, @Size(max = 200) String delegate,
                   @Size(max = 200) String substitute) {}

    record Convene(Instant convenedAt, @NotNull @Size(max = 200) List<@NotNull @Valid Present> attendance) {}

    record Discussion(@NotBlank @Size(max = 20000) String summary, boolean concluded) {}

    record VoteTally(@Min(0) int inFavour, @Min(0) int against, @Min(0) int abstained) {}

    record Resolution(String itemId, @Size(max = 50) String number, @NotBlank @Size(max = 20000) String text, @Valid VoteTally votes) {}

    record AdoptMeasure(@NotBlank @Size(max = 500) String title, @Size(max = 20000) String description, @NotBlank @Size(max = 32) String owner,
                        @NotNull LocalDate dueDate, @Size(max = 50) List<String> addresses, @Size(max = 5000) String decisionBasis) {}

    record Minutes(@NotBlank @Size(max = 200000) String text) {}

    record Close(Instant closedAt) {}

    record Correction(@NotBlank @Size(max = 200) String what, @NotBlank @Size(max = 20000) String correction,
                      @NotBlank @Size(max = 2000) String reason) {}

    private final CommandSender commands;
    private final Clock clock;

    MeetingCommandController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> schedule(@Valid @RequestBody Schedule body, Actor actor) {
        MeetingId id = MeetingId.random();
        return commands.created(new ScheduleMeetingCommand(id, BodyId.of(body.bodyId()), body.startsAt(), body.place()), actor,
                "/api/meetings/" + id, id.value());
    }

    @PostMapping("/{id}/reschedule")
    Mono<ResponseEntity<Map<String, Object>>> reschedule(@PathVariable String id, @Valid @RequestBody Reschedule body, Actor actor,
                                                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RescheduleMeetingCommand(MeetingId.of(id), body.startsAt(), body.place(), body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/cancel")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable String id, @Valid @RequestBody Reason body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new CancelMeetingCommand(MeetingId.of(id), body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/agenda-items")
    Mono<ResponseEntity<Map<String, Object>>> addItem(@PathVariable String id, @Valid @RequestBody Item body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        AgendaItemId item = AgendaItemId.random();
        return commands.created(new AddAgendaItemCommand(MeetingId.of(id), item, body.title(),
                body.presenter() == null || body.presenter().isBlank() ? null : InstitutionId.of(body.presenter()),
                ids(body.issues(), IssueId::of), v(ifMatch)), actor, "/api/meetings/" + id + "#item-" + item, item.value());
    }

    @PostMapping("/{id}/agenda-items/{itemId}/remove")
    Mono<ResponseEntity<Map<String, Object>>> removeItem(@PathVariable String id, @PathVariable String itemId, @Valid @RequestBody Reason body,
                                                         Actor actor, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RemoveAgendaItemCommand(MeetingId.of(id), AgendaItemId.of(itemId), body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/agenda-order")
    Mono<ResponseEntity<Map<String, Object>>> reorder(@PathVariable String id, @Valid @RequestBody Order body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ReorderAgendaCommand(MeetingId.of(id), ids(body.order(), AgendaItemId::of), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/carry-over")
    Mono<ResponseEntity<Map<String, Object>>> carryOver(@PathVariable String id, @Valid @RequestBody CarryOver body, Actor actor) {
        return commands.accepted(new CarryOverCommand(MeetingId.of(id), MeetingId.of(body.fromMeetingId()), ids(body.openMeasures(), MeasureId::of)),
                actor, id);
    }

    @PostMapping("/{id}/convene")
    Mono<ResponseEntity<Map<String, Object>>> convene(@PathVariable String id, @Valid @RequestBody Convene body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        List<Attendance> sheet = body.attendance().stream()
                .map(p -> new Attendance(InstitutionId.of(p.institution()), p.status(), p.delegate(), p.substitute())).toList();
        return commands.accepted(new ConveneMeetingCommand(MeetingId.of(id), body.convenedAt() == null ? clock.instant() : body.convenedAt(), sheet,
                v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/agenda-items/{itemId}/discussion")
    Mono<ResponseEntity<Map<String, Object>>> discuss(@PathVariable String id, @PathVariable String itemId, @Valid @RequestBody Discussion body,
                                                      Actor actor, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RecordDiscussionCommand(MeetingId.of(id), AgendaItemId.of(itemId), body.summary(), body.concluded(), v(ifMatch)),
                actor, id);
    }

    @PostMapping("/{id}/resolutions")
    Mono<ResponseEntity<Map<String, Object>>> resolve(@PathVariable String id, @Valid @RequestBody Resolution body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ResolutionId resolution = ResolutionId.random();
        Votes votes = body.votes() == null ? null : new Votes(body.votes().inFavour(), body.votes().against(), body.votes().abstained());
        return commands.created(new AdoptResolutionCommand(MeetingId.of(id), resolution,
                body.itemId() == null || body.itemId().isBlank() ? null : AgendaItemId.of(body.itemId()), body.number(), body.text(), votes, v(ifMatch)),
                actor, "/api/meetings/" + id + "#resolution-" + resolution, resolution.value());
    }

    @PostMapping("/{id}/resolutions/{resolutionId}/measures")
    Mono<ResponseEntity<Map<String, Object>>> adoptMeasure(@PathVariable String id, @PathVariable String resolutionId,
                                                           @Valid @RequestBody AdoptMeasure body, Actor actor) {
        MeasureId measure = MeasureId.random();
        return commands.created(new AdoptMeasureCommand(MeetingId.of(id), ResolutionId.of(resolutionId), measure, body.title(), body.description(),
                InstitutionId.of(body.owner()), body.dueDate(), ids(body.addresses(), IssueId::of), body.decisionBasis()), actor,
                "/api/measures/" + measure, measure.value());
    }

    @PostMapping("/{id}/minutes")
    Mono<ResponseEntity<Map<String, Object>>> minutes(@PathVariable String id, @Valid @RequestBody Minutes body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RecordMinutesCommand(MeetingId.of(id), body.text(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/close")
    Mono<ResponseEntity<Map<String, Object>>> close(@PathVariable String id, @RequestBody(required = false) Close body, Actor actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Instant at = body == null || body.closedAt() == null ? clock.instant() : body.closedAt();
        return commands.accepted(new CloseMeetingCommand(MeetingId.of(id), at, v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/corrections")
    Mono<ResponseEntity<Map<String, Object>>> correct(@PathVariable String id, @Valid @RequestBody Correction body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new CorrectMeetingRecordCommand(MeetingId.of(id), body.what(), body.correction(), body.reason(), v(ifMatch)), actor, id);
    }

    private static Long v(String ifMatch) {
        return CommandSender.expectedVersion(ifMatch);
    }

    private static <T> List<T> ids(List<String> raw, java.util.function.Function<String, T> parse) {
        return raw == null ? List.of() : raw.stream().map(parse).toList();
    }
}
