package cz.souhra.command;

import java.util.Map;
import java.util.Set;

import org.axonframework.messaging.MetaData;

import cz.souhra.shared.Actor;

/** Command metadata for the people of the tests. */
public final class Actors {

    public static final String BODY = "0b0d1e5a-0000-4000-8000-000000000001";
    /** The region the people of the tests act in (their institutions' and bodies'), unless a test says otherwise. */
    public static final String REGION = "LBK";

    private Actors() {}

    public static Map<String, Object> admin() {
        return new Actor("admin", null, Set.of(Actor.Role.ADMIN), Set.of()).toMetaData();
    }

    public static Map<String, Object> secretary() {
        return new Actor("tajemnice", "KULK", Set.of(Actor.Role.SECRETARY), Set.of(BODY), Set.of(REGION)).toMetaData();
    }

    public static Map<String, Object> otherSecretary() {
        return new Actor("jiny", "MML", Set.of(Actor.Role.SECRETARY), Set.of("0b0d1e5a-0000-4000-8000-000000000099"), Set.of(REGION)).toMetaData();
    }

    public static Map<String, Object> member(String institution) {
        return memberIn(institution, REGION);
    }

    /** A member of an institution that acts in {@code region} only. */
    public static Map<String, Object> memberIn(String institution, String region) {
        return new Actor("clen-" + institution.toLowerCase(), institution, Set.of(Actor.Role.MEMBER), Set.of(), Set.of(region)).toMetaData();
    }

    /** A secretary of a body in {@code region}. */
    public static Map<String, Object> secretaryIn(String region) {
        return new Actor("tajemnik-" + region.toLowerCase(), "KU" + region, Set.of(Actor.Role.SECRETARY), Set.of("0b0d1e5a-0000-4000-8000-000000000077"),
                Set.of(region)).toMetaData();
    }

    public static Map<String, Object> auditor() {
        return new Actor("auditor", null, Set.of(Actor.Role.AUDITOR), Set.of()).toMetaData();
    }

    public static MetaData meta(Map<String, Object> m) {
        return MetaData.from(m);
    }
}
