package cz.souhra.command.meeting;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.model.MinutesVerifier;

/**
 * What a meeting knows of its minutes' approval, folded from its events: the current draft and its period,
 * the verifiers, who confirmed the current draft, and the objections with whether each is still open.
 */
final class MinutesApproval {

    enum State { NONE, IN_VERIFICATION, FINAL }

    static final class Objection {
        final int number;
        final InstitutionId verifier;
        boolean open = true;

        Objection(int number, InstitutionId verifier) {
            this.number = number;
            this.verifier = verifier;
        }
    }

    State state = State.NONE;
    int version;
    String text;
    Instant deadline;
    final Map<InstitutionId, MinutesVerifier> verifiers = new LinkedHashMap<>();
    /** Verifiers who confirmed the current draft; a correction empties it. */
    final Set<InstitutionId> confirmed = new HashSet<>();
    final Map<Integer, Objection> objections = new LinkedHashMap<>();

    boolean hasOpenObjections() {
        return objections.values().stream().anyMatch(o -> o.open);
    }

    boolean hasOpenObjectionOf(InstitutionId verifier) {
        return objections.values().stream().anyMatch(o -> o.open && o.verifier.equals(verifier));
    }
}
