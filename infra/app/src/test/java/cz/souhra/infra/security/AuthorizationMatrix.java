package cz.souhra.infra.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpMethod;

/**
 * The table of who may call what. One {@link Rule} per endpoint: a request and the exact status every kind
 * of caller must get. Adding an endpoint is one line:
 * <pre>
 *   on(POST, "/api/things/{thing}/close").body("{\"reason\":\"x\"}").expect(202, ADMIN, SECRETARY_OWN).otherwise(403)
 * </pre>
 * Anonymous callers get 401 and an account without roles 403 unless the rule says otherwise; {@code otherwise}
 * covers every caller not named. Placeholders in braces are filled from the test's fixture; {@code {uniq}} is fresh per call, so
 * a creation can succeed for each allowed caller.
 */
final class AuthorizationMatrix {

    /**
     * The kinds of caller; "own" and "foreign" are relative to the fixture's body, meeting and measure (all in
     * one region), "other region" callers hold the same role in a body and institution of another region.
     */
    enum Who { ANONYMOUS, ADMIN, SECRETARY_OWN, SECRETARY_FOREIGN, MEMBER_OWN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION, AUDITOR,
        /** Had the own body's secretaryship, membership and the auditor's role, and lost them all. */
        REVOKED }

    static final class Rule {
        final HttpMethod method;
        final String path;
        String body;
        final Map<Who, Integer> expected = new EnumMap<>(Who.class);

        Rule(HttpMethod method, String path) {
            this.method = method;
            this.path = path;
            expected.put(Who.ANONYMOUS, 401);
            expected.put(Who.REVOKED, 403);
        }

        Rule body(String json) {
            this.body = json;
            return this;
        }

        Rule expect(int status, Who... who) {
            for (Who w : who) {
                expected.put(w, status);
            }
            return this;
        }

        Rule otherwise(int status) {
            for (Who w : Who.values()) {
                expected.putIfAbsent(w, status);
            }
            return this;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Rule on(HttpMethod method, String path) {
        return new Rule(method, path);
    }

    /** The outcome of one call: what was expected, what came back. */
    record Outcome(Rule rule, Who who, int expected, int actual) {
        boolean matches() {
            return expected == actual;
        }

        /** A success where the table expects a refusal: the one kind of mismatch that is a security hole. */
        boolean unauthorizedSuccess() {
            return actual >= 200 && actual < 300 && !(expected >= 200 && expected < 300);
        }

        @Override
        public String toString() {
            return rule + " as " + who + ": expected " + expected + ", got " + actual;
        }
    }

    interface Caller {
        int call(Who who, HttpMethod method, String path, String body);
    }

    /**
     * Runs every rule for every caller, 401/403 refusals first: a call that passes the rights check may
     * change state (create, cancel), and the refusals must be judged against the fixture as it was set
     * up. The other callers follow in {@link Who} order.
     */
    static List<Outcome> run(List<Rule> rules, Function<String, String> fill, Caller caller) {
        List<Outcome> out = new ArrayList<>();
        for (Rule rule : rules) {
            for (Who w : Who.values()) {
                if (!rule.expected.containsKey(w)) {
                    throw new IllegalStateException(rule + " says nothing about " + w);
                }
            }
            List<Who> order = new ArrayList<>(List.of(Who.values()));
            order.sort((a, b) -> Boolean.compare(!isRefusal(rule.expected.get(a)), !isRefusal(rule.expected.get(b))));
            for (Who w : order) {
                String path = fill.apply(rule.path);
                String body = rule.body == null ? null : fill.apply(rule.body);
                out.add(new Outcome(rule, w, rule.expected.get(w), caller.call(w, rule.method, path, body)));
            }
        }
        return out;
    }

    private static boolean isRefusal(int status) {
        return status == 401 || status == 403;
    }

    private AuthorizationMatrix() {}
}
