package cz.souhra.command.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.axonframework.messaging.MetaData;

import cz.souhra.shared.Actor;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.ids.RegionCode;

/** Helpers every aggregate uses to state where a fact belongs and when it happened in the world. */
public final class Facts {

    /** Dates of the domain (due dates, report dates) are Czech calendar days. */
    public static final ZoneId PRAGUE = cz.souhra.shared.model.CzechTime.ZONE;

    private Facts() {}

    public static MetaData in(RegionCode region) {
        return MetaData.with(MetaKeys.REGION, region.value());
    }

    public static MetaData in(RegionCode region, Instant effectiveAt) {
        return effectiveAt == null ? in(region) : in(region).and(MetaKeys.EFFECTIVE_AT, effectiveAt.toString());
    }

    public static MetaData in(RegionCode region, LocalDate effectiveOn) {
        return effectiveOn == null ? in(region) : in(region, effectiveOn.atStartOfDay(PRAGUE).toInstant());
    }

    public static Actor actor(MetaData metaData) {
        return Actor.fromMetaData(metaData);
    }

    /** Auditors read everything and change nothing; checked for every command whatever the aggregate. */
    public static void requireWriter(Actor actor) {
        if (actor.roles().isEmpty() || (actor.roles().size() == 1 && actor.has(Actor.Role.AUDITOR))) {
            throw DomainException.forbidden("READ_ONLY");
        }
    }

    public static void requireAdmin(Actor actor) {
        if (!actor.has(Actor.Role.ADMIN)) {
            throw DomainException.forbidden("ADMIN_ONLY");
        }
    }

    public static void requireSecretary(Actor actor, String bodyId) {
        requireWriter(actor);
        if (!actor.isSecretaryOf(bodyId)) {
            throw DomainException.forbidden("NOT_SECRETARY", bodyId);
        }
    }

    /**
     * Regions are tenants: whoever is not an administrator acts only in the regions of their institution and
     * of the bodies it belongs to or they are secretary of (resolved at the HTTP edge into the actor).
     */
    public static void requireRegion(Actor actor, RegionCode region) {
        if (region != null && !actor.actsIn(region.value())) {
            throw DomainException.forbidden("OTHER_REGION", region);
        }
    }

    public static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("REQUIRED", field);
        }
        if (value.length() > max) {
            throw DomainException.invalid("TOO_LONG", field, max);
        }
        return value.strip();
    }
}
