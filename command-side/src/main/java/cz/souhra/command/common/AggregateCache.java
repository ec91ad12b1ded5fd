package cz.souhra.command.common;

import java.util.List;

/**
 * The bean names of the aggregate caches, one per aggregate type (the beans themselves are the
 * application's).
 *
 * <p>Why a cache: loading a measure replayed its events on every command, and on the embedded store each
 * event is a separate exact-match read, so a command on a 25-event measure cost 26 store round trips
 * before it did anything. A cached aggregate is trusted only as far as the event store's unique
 * (aggregate, sequence) index allows: if another process appended meanwhile, the append of the stale
 * aggregate collides, the unit of work rolls back, Axon drops the entry, and the next command reloads.
 *
 * <p>Why one per type: a cache is keyed by aggregate id alone. With one shared cache, an issue's id sent
 * in a meeting command found the cached issue and failed with a ClassCastException or "no handler" (500,
 * found by the fuzz bench), where a load from the store refuses the foreign type and answers 404.
 */
public final class AggregateCache {

    public static final String INSTITUTION = "institutionAggregateCache";
    public static final String BODY = "bodyAggregateCache";
    public static final String MEETING = "meetingAggregateCache";
    public static final String ISSUE = "issueAggregateCache";
    public static final String MEASURE = "measureAggregateCache";
    public static final String USER = "userAccountAggregateCache";

    public static final List<String> ALL = List.of(INSTITUTION, BODY, MEETING, ISSUE, MEASURE, USER);

    private AggregateCache() {}
}
