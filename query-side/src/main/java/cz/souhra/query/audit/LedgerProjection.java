package cz.souhra.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.BatchScope;
import cz.souhra.shared.commands.meeting.RecordLedgerCheckpointCommand;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;

/**
 * Feeds the ledger from the event stream. One processing group with a single segment, so the chain order
 * is the order the tracking processor delivers events in; the lookback window of the Mongo event store
 * makes a late-landing append still arrive (and be chained after the ones already chained).
 */
@Component
@ProcessingGroup(LedgerProjection.GROUP)
class LedgerProjection {

    static final String GROUP = "ledger";
    private static final String BATCH = LedgerProjection.class.getName() + ".batch";

    private final Ledger ledger;
    private final CommandGateway commands;

    LedgerProjection(Ledger ledger, CommandGateway commands) {
        this.ledger = ledger;
        this.commands = commands;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        // One batch per tracking batch: heads read once, entries and heads written before the token.
        Ledger.Batch batch = BatchScope.current(BATCH, this::batch, Ledger.Batch::flush);
        LedgerEntry entry = batch.append(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber());
        if (BatchScope.atEnd()) {
            batch.flush();
        }
        if (payload instanceof MeetingClosedEvent closed) {
            batch.flush(); // the checkpoint names an entry that is stored
            // The checkpoint is the chain as it stood when the meeting closed: its own entry. The meeting
            // records it once, so a redelivery of the close sends a command that changes nothing.
            commands.sendAndWait(new RecordLedgerCheckpointCommand(closed.meetingId(), entry.position(), entry.chain()));
        }
    }

    /** A batch that has read the tracking batch's stored events, and which of them are chained, in two queries. */
    private Ledger.Batch batch() {
        Ledger.Batch batch = ledger.batch();
        batch.prefetch(BatchScope.messages().stream().map(EventMessage::getIdentifier).toList());
        return batch;
    }

    @ResetHandler
    void refuseReset() {
        // The ledger is the witness, not a view: it is never rebuilt from the events it witnesses.
        throw new IllegalStateException("The ledger cannot be reset");
    }
}
