package cz.souhra.command.issue;

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
import cz.souhra.shared.commands.issue.LinkIssueCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.issue.RecategoriseIssueCommand;
import cz.souhra.shared.commands.issue.ReopenIssueCommand;
import cz.souhra.shared.commands.issue.ResolveIssueCommand;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/issues")
class IssueCommandController {

    record Raise(@NotBlank @Size(max = 32) String region, @NotNull IssueCategory category, @NotBlank @Size(max = 500) String title,
                 @Size(max = 20000) String description, @Size(max = 300) String locality, @Size(max = 32) String raisedBy,
                 LocalDate observedOn, String raisedAt) {}

    record Recategorise(@NotNull IssueCategory category, @Size(max = 2000) String reason) {}

    record Link(@NotBlank String meetingId, @NotBlank String itemId) {}

    record Resolve(@NotBlank @Size(max = 2000) String reason, LocalDate resolvedOn) {}

    record Reason(@NotBlank @Size(max = 2000) String reason) {}

    private final CommandSender commands;
    private final Clock clock;

    IssueCommandController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> raise(@Valid @RequestBody Raise body, Actor actor) {
        IssueId id = IssueId.random();
        String raisedBy = body.raisedBy() == null || body.raisedBy().isBlank() ? actor.institution() : body.raisedBy();
        return commands.created(new RaiseIssueCommand(id, RegionCode.of(body.region()), body.category(), body.title(), body.description(),
                body.locality(), raisedBy == null ? null : InstitutionId.of(raisedBy), body.observedOn() == null ? CzechDay.today(clock) : body.observedOn(),
                body.raisedAt() == null || body.raisedAt().isBlank() ? null : MeetingId.of(body.raisedAt())), actor, "/api/issues/" + id, id.value());
    }

    @PostMapping("/{id}/recategorise")
    Mono<ResponseEntity<Map<String, Object>>> recategorise(@PathVariable String id, @Valid @RequestBody Recategorise body, Actor actor,
                                                           @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RecategoriseIssueCommand(IssueId.of(id), body.category(), body.reason(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/link")
    Mono<ResponseEntity<Map<String, Object>>> link(@PathVariable String id, @Valid @RequestBody Link body, Actor actor,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new LinkIssueCommand(IssueId.of(id), MeetingId.of(body.meetingId()), AgendaItemId.of(body.itemId()),
                CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/resolve")
    Mono<ResponseEntity<Map<String, Object>>> resolve(@PathVariable String id, @Valid @RequestBody Resolve body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ResolveIssueCommand(IssueId.of(id), body.reason(), body.resolvedOn() == null ? CzechDay.today(clock) : body.resolvedOn(),
                CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/reopen")
    Mono<ResponseEntity<Map<String, Object>>> reopen(@PathVariable String id, @Valid @RequestBody Reason body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new ReopenIssueCommand(IssueId.of(id), body.reason(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }
}
