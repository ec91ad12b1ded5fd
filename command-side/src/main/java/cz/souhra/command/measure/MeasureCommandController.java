package cz.souhra.command.measure;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.command.web.CommandSender;
import cz.souhra.command.web.CzechDay;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.measure.CancelMeasureCommand;
import cz.souhra.shared.commands.measure.CompleteMeasureCommand;
import cz.souhra.shared.commands.measure.ExtendDeadlineCommand;
import cz.souhra.shared.commands.measure.ReassignMeasureCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.commands.measure.SupersedeMeasureCommand;
import cz.souhra.shared.commands.measure.VerifyCompletionCommand;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** What owners report and what later meetings decide about a measure. */
@RestController
@RequestMapping("/api/measures")
class MeasureCommandController {

    record Progress(@NotNull @Min(0) @Max(100) Integer percent, @Size(max = 20000) String note, LocalDate effectiveOn) {}

    record Complete(@Size(max = 20000) String note, LocalDate effectiveOn) {}

    record Extend(@NotBlank String meetingId, @NotBlank String resolutionId, @NotNull LocalDate dueDate, @NotBlank @Size(max = 2000) String reason) {}

    record Reassign(@NotBlank String meetingId, @NotBlank String resolutionId, @NotBlank @Size(max = 32) String owner,
                    @NotBlank @Size(max = 2000) String reason) {}

    record Verify(@NotBlank String meetingId, @NotBlank String resolutionId, @Size(max = 20000) String note) {}

    record Cancel(@NotBlank String meetingId, @NotBlank String resolutionId, @NotBlank @Size(max = 2000) String reason) {}

    record Supersede(@NotBlank String meetingId, @NotBlank String resolutionId, @NotBlank String supersededBy, @NotBlank @Size(max = 2000) String reason) {}

    private final CommandSender commands;
    private final Clock clock;

    MeasureCommandController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/{id}/progress")
    Mono<ResponseEntity<Map<String, Object>>> progress(@PathVariable String id, @Valid @RequestBody Progress body, Actor actor,
                                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ReportProgressCommand(MeasureId.of(id), body.percent(), body.note(),
                body.effectiveOn() == null ? CzechDay.today(clock) : body.effectiveOn(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/complete")
    Mono<ResponseEntity<Map<String, Object>>> complete(@PathVariable String id, @Valid @RequestBody Complete body, Actor actor,
                                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new CompleteMeasureCommand(MeasureId.of(id), body.note(), body.effectiveOn() == null ? CzechDay.today(clock) : body.effectiveOn(),
                v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/extend")
    Mono<ResponseEntity<Map<String, Object>>> extend(@PathVariable String id, @Valid @RequestBody Extend body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ExtendDeadlineCommand(MeasureId.of(id), MeetingId.of(body.meetingId()), ResolutionId.of(body.resolutionId()),
                body.dueDate(), body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/reassign")
    Mono<ResponseEntity<Map<String, Object>>> reassign(@PathVariable String id, @Valid @RequestBody Reassign body, Actor actor,
                                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ReassignMeasureCommand(MeasureId.of(id), MeetingId.of(body.meetingId()), ResolutionId.of(body.resolutionId()),
                InstitutionId.of(body.owner()), body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/verify")
    Mono<ResponseEntity<Map<String, Object>>> verify(@PathVariable String id, @Valid @RequestBody Verify body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new VerifyCompletionCommand(MeasureId.of(id), MeetingId.of(body.meetingId()), ResolutionId.of(body.resolutionId()),
                body.note(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/cancel")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable String id, @Valid @RequestBody Cancel body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new CancelMeasureCommand(MeasureId.of(id), MeetingId.of(body.meetingId()), ResolutionId.of(body.resolutionId()),
                body.reason(), v(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/supersede")
    Mono<ResponseEntity<Map<String, Object>>> supersede(@PathVariable String id, @Valid @RequestBody Supersede body, Actor actor,
                                                        @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new SupersedeMeasureCommand(MeasureId.of(id), MeetingId.of(body.meetingId()), ResolutionId.of(body.resolutionId()),
                MeasureId.of(body.supersededBy()), body.reason(), v(ifMatch)), actor, id);
    }

    private static Long v(String ifMatch) {
        return CommandSender.expectedVersion(ifMatch);
    }
}
