package cz.souhra.command.meeting;

import java.util.Set;
import java.util.concurrent.Callable;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/** Opens the package-private collaborators of the meeting feature to tests of other features. */
public final class MeetingsForTests {

    private MeetingsForTests() {}

    public static MeetingDecisions decisions(Repository<Meeting> meetings) {
        return new MeetingDecisions(meetings);
    }

    /**
     * Meetings in {@code elsewhere} come from the second repository (earlier meetings read by a carry-over),
     * every other one from the fixture's own repository, whose events the fixture checks.
     */
    static Repository<Meeting> routed(Repository<Meeting> fixture, Repository<Meeting> other, Set<String> elsewhere) {
        return new Repository<>() {
            @Override
            public Aggregate<Meeting> load(String id) {
                return (elsewhere.contains(id) ? other : fixture).load(id);
            }

            @Override
            public Aggregate<Meeting> load(String id, Long expectedVersion) {
                return (elsewhere.contains(id) ? other : fixture).load(id, expectedVersion);
            }

            @Override
            public Aggregate<Meeting> newInstance(Callable<Meeting> factory) throws Exception {
                return fixture.newInstance(factory);
            }

            @Override
            public void send(Message<?> message, ScopeDescriptor scope) throws Exception {
                fixture.send(message, scope);
            }

            @Override
            public boolean canResolve(ScopeDescriptor scope) {
                return fixture.canResolve(scope);
            }
        };
    }
}
