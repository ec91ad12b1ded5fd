package cz.souhra.command.common;

/**
 * The bean name of the cache every aggregate repository uses (the bean itself is the application's).
 *
 * <p>Why a cache: loading a measure replayed its events on every command, and on the embedded store each
 * event is a separate exact-match read, so a command on a 25-event measure cost 26 store round trips
 * before it did anything. A cached aggregate is trusted only as far as the event store's unique
 * (aggregate, sequence) index allows: if another process appended meanwhile, the append of the stale
 * aggregate collides, the unit of work rolls back, Axon drops the entry, and the next command reloads.
 */
public final class AggregateCache {

    public static final String BEAN = "souhraAggregateCache";

    private AggregateCache() {}
}
