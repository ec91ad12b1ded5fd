package cz.souhra.command.meeting;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.command.web.CommandSender;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.meeting.ConfirmMinutesCommand;
import cz.souhra.shared.commands.meeting.CorrectMinutesDraftCommand;
import cz.souhra.shared.commands.meeting.NoteMinutesObjectionCommand;
import cz.souhra.shared.commands.meeting.ObjectToMinutesCommand;
import cz.souhra.shared.commands.meeting.StartMinutesVerificationCommand;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * The approval of a closed meeting's minutes (docs/minutes.md): the secretary sends the draft to the
 * verifiers, corrects it or notes objections; a verifier confirms or objects. The time of each step is the
 * server's clock and the period is configured, so neither is a field a caller could set.
 */
@RestController
@RequestMapping("/api/meetings/{id}/minutes")
class MinutesApprovalController {

    record Verification(@NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 32) String> verifiers) {}

    record Confirmation(@NotNull Integer version) {}

    record Objection(@NotNull Integer version, @NotBlank @Size(max = 20000) String text) {}

    record Note(@NotBlank @Size(max = 2000) String note) {}

    record Draft(@NotBlank @Size(max = 200000) String text, @Size(max = 2000) String note) {}

    private final CommandSender commands;
    private final Clock clock;
    private final Duration period;

    MinutesApprovalController(CommandSender commands, Clock clock,
                              @Value("${souhra.minutes.verification-period:P7D}") Duration period) {
        this.commands = commands;
        this.clock = clock;
        this.period = period;
    }

    @PostMapping("/verification")
    Mono<ResponseEntity<Map<String, Object>>> start(@PathVariable String id, @Valid @RequestBody Verification body, Actor actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new StartMinutesVerificationCommand(MeetingId.of(id), body.verifiers().stream().map(InstitutionId::of).toList(),
                clock.instant(), period, CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/confirm")
    Mono<ResponseEntity<Map<String, Object>>> confirm(@PathVariable String id, @Valid @RequestBody Confirmation body, Actor actor) {
        return commands.accepted(new ConfirmMinutesCommand(MeetingId.of(id), body.version(), clock.instant()), actor, id);
    }

    @PostMapping("/objections")
    Mono<ResponseEntity<Map<String, Object>>> object(@PathVariable String id, @Valid @RequestBody Objection body, Actor actor) {
        return commands.accepted(new ObjectToMinutesCommand(MeetingId.of(id), body.version(), body.text(), clock.instant()), actor, id);
    }

    @PostMapping("/objections/{objection}/note")
    Mono<ResponseEntity<Map<String, Object>>> note(@PathVariable String id, @PathVariable int objection, @Valid @RequestBody Note body, Actor actor) {
        return commands.accepted(new NoteMinutesObjectionCommand(MeetingId.of(id), objection, body.note(), clock.instant()), actor, id);
    }

    @PostMapping("/draft")
    Mono<ResponseEntity<Map<String, Object>>> correct(@PathVariable String id, @Valid @RequestBody Draft body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new CorrectMinutesDraftCommand(MeetingId.of(id), body.text(), body.note(), clock.instant(), period,
                CommandSender.expectedVersion(ifMatch)), actor, id);
    }
}
