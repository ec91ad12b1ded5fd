package cz.souhra.infra.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Feeds the ledger from the event stream. One processing group with a single segment, so the chain order
 * is the order the tracking processor delivers events in; the lookback window of the Mongo event store
 * makes a late-landing append still arrive (and be chained after the ones already chained).
 */
@Component
@ProcessingGroup(LedgerProjection.GROUP)
class LedgerProjection {

    static final String GROUP = "ledger";

    private final Ledger ledger;

    LedgerProjection(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        ledger.append(event.getAggregateIdentifier(), event.getSequenceNumber());
    }

    @ResetHandler
    void refuseReset() {
        // The ledger is the witness, not a view: it is never rebuilt from the events it witnesses.
        throw new IllegalStateException("The ledger cannot be reset");
    }
}
