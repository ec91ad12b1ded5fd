package cz.souhra.command.institution;

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
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.institution.RenameInstitutionCommand;
import cz.souhra.shared.commands.institution.RetireInstitutionCommand;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.InstitutionKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/institutions")
class InstitutionCommandController {

    record Register(@NotBlank @Size(max = 32) String code, @NotBlank @Size(max = 32) String region, @NotNull InstitutionKind kind,
                    @NotBlank @Size(max = 300) String name) {}

    record Rename(@NotBlank @Size(max = 300) String name) {}

    record Retire(@NotBlank @Size(max = 2000) String reason) {}

    private final CommandSender commands;

    InstitutionCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> register(@Valid @RequestBody Register body, Actor actor) {
        InstitutionId id = InstitutionId.of(body.code());
        return commands.created(new RegisterInstitutionCommand(id, RegionCode.of(body.region()), body.kind(), body.name()), actor,
                "/api/institutions/" + id, id.value());
    }

    @PostMapping("/{id}/rename")
    Mono<ResponseEntity<Map<String, Object>>> rename(@PathVariable String id, @Valid @RequestBody Rename body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RenameInstitutionCommand(InstitutionId.of(id), body.name(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }

    @PostMapping("/{id}/retire")
    Mono<ResponseEntity<Map<String, Object>>> retire(@PathVariable String id, @Valid @RequestBody Retire body, Actor actor,
                                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return commands.accepted(new RetireInstitutionCommand(InstitutionId.of(id), body.reason(), CommandSender.expectedVersion(ifMatch)), actor, id);
    }
}
