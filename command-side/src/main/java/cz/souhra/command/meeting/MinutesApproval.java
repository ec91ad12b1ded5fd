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

    State state = State.NONE;
    int version;
    String text;
    Instant deadline;
    final Map<InstitutionId, MinutesVerifier> verifiers = new LinkedHashMap<>();
    /** Verifiers who confirmed the current draft; a correction empties it. */
    final Set<InstitutionId> confirmed = new HashSet<>();
    /** Every objection by its number, with the verifier who raised it. */
    final Map<Integer, InstitutionId> objections = new LinkedHashMap<>();
    /** The numbers of the objections not yet answered by a correction or a note. */
    final Set<Integer> open = new java.util.TreeSet<>();

    boolean hasOpenObjections() {
        return !open.isEmpty();
    }

    boolean hasOpenObjectionOf(InstitutionId verifier) {
        return open.stream().anyMatch(n -> objections.get(n).equals(verifier));
    }
}
