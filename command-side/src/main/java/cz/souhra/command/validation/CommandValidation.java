package cz.souhra.command.validation;

import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import cz.souhra.command.web.CzechDay;

/**
 * Every command, whoever sends it (the HTTP API, the web UI, the demo loader, the schedules), passes the
 * {@link CommandValidator} on the command bus before a handler sees it: in the sender's thread, before an
 * aggregate is loaded, so a refusal leaves nothing behind. "Now" and "today" come from the injected clock
 * here, at the edge; aggregates never read a clock.
 */
@Component
public class CommandValidation implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final CommandValidator validator;
    private final Clock clock;

    public CommandValidation(CommandBus bus, CommandLookup lookup, Clock clock) {
        this.validator = new CommandValidator(lookup);
        this.clock = clock;
        bus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            Object payload = message.getPayload();
            Object checked = validator.validate(payload, clock.instant(), CzechDay.today(clock));
            if (checked == payload) {
                return message;
            }
            return new GenericCommandMessage<>(new GenericMessage<>(message.getIdentifier(), checked, message.getMetaData()), message.getCommandName());
        };
    }
}
