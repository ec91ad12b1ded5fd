package cz.souhra.command.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command with the acting user in its metadata and turns the outcome into the HTTP answer:
 * 201 with the new id and Location for creations, 202 with the id otherwise. Refusals travel as
 * exceptions to {@link CommandProblems}.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public Mono<ResponseEntity<Map<String, Object>>> created(Object command, Actor actor, String location, String id) {
        return send(command, actor).thenReturn(ResponseEntity.created(URI.create(location)).body(body(id)));
    }

    public Mono<ResponseEntity<Map<String, Object>>> accepted(Object command, Actor actor, String id) {
        return send(command, actor).thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).body(body(id)));
    }

    private Mono<Object> send(Object command, Actor actor) {
        // The command bus runs the handler in the sending thread: loading the aggregate and waiting for the
        // store's durable append must not happen on a Netty event loop (measured: 22 commands/s with 8 clients).
        return Mono.fromFuture(() -> gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.toMetaData())))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Map<String, Object> body(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        return m;
    }

    /** {@code If-Match: "7"} or {@code 7}: the aggregate version the client saw; absent means "any". */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim().replace("W/", "").replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw cz.souhra.command.common.DomainException.invalid("MALFORMED", "If-Match");
        }
    }
}
