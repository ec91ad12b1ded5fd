package cz.souhra.infra.ui;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import cz.souhra.command.common.DomainException;
import cz.souhra.query.common.Access;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.InvalidIdException;
import cz.souhra.shared.queries.BodyPage;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.InstitutionPage;
import cz.souhra.shared.queries.InstitutionView;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;
import cz.souhra.shared.queries.Viewer;

/**
 * The UI's one way to the domain: commands through the gateway with the actor's metadata, reads through
 * the typed queries with the viewer's rights. Handlers run on the bounded elastic scheduler, so these
 * calls may block.
 */
@Component
class Ui {

    /** A refused command: stable code and the message in the user's language. */
    static final class Refused extends RuntimeException {
        final String code;
        final Object[] args;

        Refused(String code, String message, Object[] args) {
            super(message);
            this.code = code;
            this.args = args;
        }
    }

    /** A record asked for as of a date before it was made (404, with the address of the record as it is now). */
    static final class NotYetRecorded extends ResponseStatusException {
        final String current;

        NotYetRecorded(String current) {
            super(HttpStatus.NOT_FOUND, "NOT_YET_RECORDED");
            this.current = current;
        }
    }

    /**
     * Reads a record as of a date; when there is none then but there is one now, the record did not exist
     * yet at that date ({@link NotYetRecorded}) rather than not at all.
     */
    private <T> T asOf(java.time.Instant asOf, Supplier<T> then, Supplier<T> now, String current) {
        try {
            return then.get();
        } catch (ResponseStatusException e) {
            if (asOf == null || e.getStatusCode().value() != 404) {
                throw e;
            }
            now.get();
            throw new NotYetRecorded(current);
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long a page waits for the read side to show a change just made, before showing what it has. */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Access access;
    private final cz.souhra.infra.security.UserStore users;
    private final org.springframework.context.MessageSource messages;

    Ui(CommandGateway commands, QueryGateway queries, Access access, cz.souhra.infra.security.UserStore users,
       org.springframework.context.MessageSource messages) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.users = users;
        this.messages = messages;
    }

    /** Every account's display name, for histories that keep user names. */
    People people(Locale locale) {
        Map<String, String> names = new java.util.HashMap<>();
        for (cz.souhra.infra.security.UserView u : users.all()) {
            if (u.displayName() != null) {
                names.put(u.user(), u.displayName());
            }
        }
        return new People(names, messages.getMessage("common.system", null, "system", locale));
    }

    /** Body id to name, to show names where records keep ids (a secretary's bodies). */
    Map<String, String> bodyNames() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        bodies().forEach(b -> names.put(b.bodyId(), b.name()));
        return names;
    }

    void send(Object command, Actor actor, Locale locale) {
        CompletableFuture<Object> sent;
        try {
            sent = commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.toMetaData()));
        } catch (RuntimeException refusedBeforeSending) {
            // The command validation on the bus refuses in the sending thread, before a future exists.
            throw refusal(refusedBeforeSending, locale);
        }
        try {
            sent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refusal(e.getCause(), locale);
        } catch (TimeoutException e) {
            throw refusal(DomainException.conflict("CONCURRENT_CHANGE"), locale);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RuntimeException refusal(Throwable t, Locale locale) {
        Throwable cause = t;
        while (cause != null) {
            DomainException d = domain(cause);
            if (d != null) {
                return new Refused(d.code(), d.message(locale), d.args());
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    private static DomainException domain(Throwable t) {
        if (t instanceof DomainException d) {
            return d;
        }
        if (t instanceof InvalidIdException e) {
            return DomainException.invalid("INVALID_ID", e.getMessage());
        }
        if (t instanceof org.axonframework.modelling.command.AggregateStreamCreationException) {
            return DomainException.conflict("ALREADY_EXISTS");
        }
        if (t instanceof AggregateNotFoundException e) {
            return new DomainException(DomainException.Kind.NOT_FOUND, "NOT_FOUND", e.getAggregateIdentifier());
        }
        if (t instanceof ConflictingAggregateVersionException e) {
            return DomainException.conflict("VERSION_CONFLICT", e.getExpectedVersion(), e.getActualVersion());
        }
        if (t instanceof ConcurrencyException) {
            return DomainException.conflict("CONCURRENT_CHANGE");
        }
        if (t instanceof JSR303ViolationException) {
            return DomainException.invalid("VALIDATION");
        }
        if (t instanceof CommandExecutionException e && e.getCause() == null) {
            return null;
        }
        return null;
    }

    /**
     * Puts a refusal beside its field: REQUIRED and TOO_LONG name it, others through {@code fields}
     * (code to field); the rest is shown above the form.
     */
    static Form reject(Form form, Refused r, Map<String, String> fields) {
        String field = fields.get(r.code);
        if (field == null && (r.code.equals("REQUIRED") || r.code.equals("TOO_LONG")) && r.args.length > 0) {
            field = String.valueOf(r.args[0]);
        }
        return form.reject(field, r.getMessage());
    }

    /** Read models follow the store asynchronously; after a change the page waits briefly to show it. */
    void catchUp(BooleanSupplier done) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYetThere) {
                // a record just created is not readable until its projection has run
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    <T> T query(Object query, Class<T> type) {
        return unwrap(() -> queries.query(query, type).join());
    }

    <T> List<T> queryList(Object query, Class<T> type) {
        return unwrap(() -> queries.query(query, ResponseTypes.multipleInstancesOf(type)).join());
    }

    private static <T> T unwrap(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof QueryRefusal q) {
                    throw new ResponseStatusException(switch (q.kind()) {
                        case FORBIDDEN -> HttpStatus.FORBIDDEN;
                        case NOT_FOUND -> HttpStatus.NOT_FOUND;
                        case CONFLICT -> HttpStatus.CONFLICT;
                        case INVALID -> HttpStatus.BAD_REQUEST;
                    }, q.code());
                }
                t = t.getCause() == t ? null : t.getCause();
            }
            throw e;
        }
    }

    Viewer viewer(Actor actor) {
        return access.viewer(actor);
    }

    MeetingView meeting(String id, java.time.Instant asOf, Actor actor) {
        validId(() -> cz.souhra.shared.ids.MeetingId.of(id));
        MeetingView m = asOf(asOf, () -> query(new MeetingQueries.FindMeeting(id, asOf), MeetingView.class),
                () -> meeting(id, null, actor), "/meetings/" + id);
        if (!access.seesBody(actor, m.bodyId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return m;
    }

    MeasureView measure(String id, java.time.Instant asOf, Actor actor) {
        validId(() -> cz.souhra.shared.ids.MeasureId.of(id));
        MeasureView m = asOf(asOf, () -> query(new MeasureQueries.FindMeasure(id, asOf), MeasureView.class),
                () -> measure(id, null, actor), "/measures/" + id);
        if (!access.seesMeasure(actor, m.owner(), m.bodyId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return m;
    }

    IssueView issue(String id, java.time.Instant asOf, Actor actor) {
        validId(() -> cz.souhra.shared.ids.IssueId.of(id));
        IssueView i = asOf(asOf, () -> query(new IssueQueries.FindIssue(id, asOf), IssueView.class),
                () -> issue(id, null, actor), "/issues/" + id);
        if (!access.seesIssue(actor, i.region(), i.raisedBy())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return i;
    }

    Optional<MeasureView> measureIfReadable(String id) {
        try {
            return Optional.of(query(new MeasureQueries.FindMeasure(id, null), MeasureView.class));
        } catch (ResponseStatusException notYet) {
            return Optional.empty();
        }
    }

    List<HistoryEntry> measureHistory(String id) {
        return queryList(new MeasureQueries.MeasureHistory(id), HistoryEntry.class);
    }

    BodyView body(String id, Actor actor) {
        validId(() -> cz.souhra.shared.ids.BodyId.of(id));
        if (!access.seesBody(actor, id)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return query(new DirectoryQueries.FindBody(id, null), BodyView.class);
    }

    List<BodyView> bodies() {
        return query(new DirectoryQueries.ListBodies(null, null, null, 0, 500, null), BodyPage.class).items();
    }

    /** Every institution, retired ones too, by name. */
    List<InstitutionView> institutions() {
        return query(new DirectoryQueries.ListInstitutions(null, null, null, null, 0, 1000, null), InstitutionPage.class).items();
    }

    /** Code to name of the institutions that still act: what a picker offers. */
    Map<String, String> activeInstitutionNames() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        institutions().stream().filter(i -> !i.retired()).forEach(i -> names.put(i.code(), i.name()));
        return names;
    }

    /** Code to name of every institution, to show names where the record keeps codes. */
    Map<String, String> institutionNames() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        for (InstitutionView i : query(new DirectoryQueries.ListInstitutions(null, null, null, null, 0, 1000, null), InstitutionPage.class).items()) {
            names.put(i.code(), i.name());
        }
        return names;
    }

    private static void validId(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidIdException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
