package cz.souhra.command.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.DomainException.Kind;

/** The checks of single values, each refusing with the field's name (422 unless the shape itself is wrong). */
public final class FieldChecks {

    /**
     * The window every date and instant lies in: the platforms' records start well after 2000, and a
     * date past 2100 is a typo (a number read as a day count gave +57470-09-30).
     */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    private static final ZoneId PRAGUE = cz.souhra.command.common.Facts.PRAGUE;

    private FieldChecks() {}

    /**
     * Refuses NUL and the other C0/C1 control characters (tab, line feed and a carriage return before a
     * line feed only in long texts), lone surrogates and the bidirectional embeddings, overrides and
     * isolates (U+202A–U+202E, U+2066–U+2069), which make a title read differently from what it stores.
     */
    public static void text(String field, String value, Rule.Text rule) {
        if (value == null || value.isBlank()) {
            if (rule.required()) {
                throw DomainException.invalid("REQUIRED", field);
            }
            if (value == null) {
                return;
            }
        }
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DomainException.field(Kind.RULE, "TEXT_LONE_SURROGATE", field, i);
            } else if (isBidiControl(c)) {
                throw DomainException.field(Kind.RULE, "TEXT_BIDI_CONTROL", field, hex(c), i);
            } else if (Character.getType(c) == Character.CONTROL && !(rule.multiline() && allowedInLongText(value, i))) {
                throw DomainException.field(Kind.RULE, "TEXT_CONTROL_CHARACTER", field, hex(c), i);
            }
            length++;
        }
        if (length > rule.max()) {
            throw DomainException.invalid("TOO_LONG", field, rule.max());
        }
    }

    private static boolean allowedInLongText(String value, int i) {
        char c = value.charAt(i);
        return c == '\t' || c == '\n' || (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n');
    }

    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }

    public static void day(String field, LocalDate value, Rule.Day rule, LocalDate today) {
        if (value == null) {
            if (rule.required()) {
                throw DomainException.invalid("REQUIRED", field);
            }
            return;
        }
        if (value.isBefore(FIRST_DAY) || value.isAfter(LAST_DAY)) {
            throw DomainException.field(Kind.RULE, "DATE_OUT_OF_RANGE", field, value, FIRST_DAY, LAST_DAY);
        }
        if (rule.notAfterToday() && value.isAfter(today)) {
            throw DomainException.field(Kind.RULE, "DATE_IN_FUTURE", field, value, today);
        }
    }

    public static void moment(String field, Instant value, Rule.Moment rule, Instant now) {
        if (value == null) {
            if (rule.required()) {
                throw DomainException.invalid("REQUIRED", field);
            }
            return;
        }
        // Compared as instants: LocalDate cannot hold every Instant (+99999-01-01T00:00:00Z is one).
        Instant first = FIRST_DAY.atStartOfDay(PRAGUE).toInstant();
        Instant end = LAST_DAY.plusDays(1).atStartOfDay(PRAGUE).toInstant();
        if (value.isBefore(first) || !value.isBefore(end)) {
            throw DomainException.field(Kind.RULE, "DATE_OUT_OF_RANGE", field, value, FIRST_DAY, LAST_DAY);
        }
        if (rule.notAfterNow() && value.isAfter(now)) {
            throw DomainException.field(Kind.RULE, "TIME_IN_FUTURE", field, value, now);
        }
    }
}
