package cz.souhra.command.body;

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
import cz.souhra.shared.commands.body.AdmitMemberCommand;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.DissolveBodyCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.body.RemoveMemberCommand;
import cz.souhra.shared.commands.body.RemoveSecretaryCommand;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/bodies")
class BodyCommandController {

    record Establish(@NotBlank @Size(max = 32) String region, @NotNull BodyKind kind, @NotBlank @Size(max = 300) String name,
                     @Min(1) @Max(52) Integer meetingsPerYear, @Min(0) @Max(100) Integer quorumPercent, Boolean quorumStrictlyMore) {}

    record Member(@NotBlank @Size(max = 32) String institution) {}

    record Reason(@NotBlank @Size(max = 2000) String reason) {}

    record Secretary(@NotBlank @Size(max = 100) String user) {}

    private final CommandSender commands;

    BodyCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> establish(@Valid @RequestBody Establish body, Actor actor) {
        BodyId id = BodyId.random();
        QuorumRule quorum = body.quorumPercent() == null ? QuorumRule.MORE_THAN_HALF
                : new QuorumRule(body.quorumPercent(), body.quorumStrictlyMore() == null || body.quorumStrictlyMore());
        return commands.created(new EstablishBodyCommand(id, RegionCode.of(body.region()), body.kind(), body.name(), body.meetingsPerYear(), quorum),
                actor, "/api/bodies/" + id, id.value());
    }

    @PostMapping("/{id}/members")
    Mono<ResponseEntity<Map<String, Object>>> admit(@PathVariable String id, @Valid @RequestBody Member body, Actor actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new AdmitMemberCommand(BodyId.of(id), InstitutionId.of(body.institution()), CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/members/{institution}/remove")
    Mono<ResponseEntity<Map<String, Object>>> remove(@PathVariable String id, @PathVariable String institution, @Valid @RequestBody Reason body,
                                                     Actor actor, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RemoveMemberCommand(BodyId.of(id), InstitutionId.of(institution), body.reason(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/secretaries")
    Mono<ResponseEntity<Map<String, Object>>> appoint(@PathVariable String id, @Valid @RequestBody Secretary body, Actor actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new AppointSecretaryCommand(BodyId.of(id), body.user(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/secretaries/{user}/remove")
    Mono<ResponseEntity<Map<String, Object>>> removeSecretary(@PathVariable String id, @PathVariable String user, Actor actor,
                                                              @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RemoveSecretaryCommand(BodyId.of(id), user, CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/dissolve")
    Mono<ResponseEntity<Map<String, Object>>> dissolve(@PathVariable String id, @Valid @RequestBody Reason body, Actor actor,
                                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new DissolveBodyCommand(BodyId.of(id), body.reason(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }
}
