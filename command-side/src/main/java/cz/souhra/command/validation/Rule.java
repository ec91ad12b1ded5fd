package cz.souhra.command.validation;

/**
 * What one command field must be. {@link #describe()} is the text of the field's row in
 * {@code docs/api-fields.md}, which a test keeps equal to these definitions.
 */
public sealed interface Rule {

    /** Free text: at most {@code max} characters (Unicode code points, after NFC); tab and new lines only in long texts. */
    record Text(int max, boolean multiline, boolean required) implements Rule {
        @Override
        public String describe() {
            return (required ? "required " : "optional ") + "text, at most " + max + " characters" + (multiline ? ", may contain new lines and tabs" : ", one line");
        }
    }

    /** A calendar day as an ISO string (YYYY-MM-DD) inside the window; {@code more} states a rule the aggregate checks with its state. */
    record Day(boolean required, boolean notAfterToday, String more) implements Rule {
        @Override
        public String describe() {
            return (required ? "required " : "optional ") + "date YYYY-MM-DD, " + FieldChecks.FIRST_DAY + " … " + FieldChecks.LAST_DAY
                    + (notAfterToday ? ", not after today (Europe/Prague)" : "") + (more.isEmpty() ? "" : ", " + more);
        }
    }

    /** An instant as an ISO-8601 string with an offset (2027-01-15T09:00:00Z), its Prague day inside the window. */
    record Moment(boolean required, boolean notAfterNow, String more) implements Rule {
        @Override
        public String describe() {
            return (required ? "required " : "optional ") + "instant, ISO-8601 with offset, " + FieldChecks.FIRST_DAY + " … " + FieldChecks.LAST_DAY
                    + (notAfterNow ? ", not in the future" : "") + (more.isEmpty() ? "" : ", " + more);
        }
    }

    /** The id of an existing record of {@code kind} (or a list of them); {@code mustAct}: not retired, dissolved or disabled. */
    record Ref(Known.Kind kind, boolean mustAct, boolean list) implements Rule {
        @Override
        public String describe() {
            String what = kind.name().toLowerCase(java.util.Locale.ROOT);
            return (list ? "list of ids, each of an existing " + what : "id of an existing " + what) + (mustAct ? " that still acts" : "");
        }
    }

    /** One of the region codes of {@link cz.souhra.shared.ids.Region}. */
    record RegionRule() implements Rule {
        @Override
        public String describe() {
            return "required region code, one of " + String.join(", ",
                    java.util.Arrays.stream(cz.souhra.shared.ids.Region.values()).map(Enum::name).toList());
        }
    }

    /** The attendance sheet: each entry's institution exists; a substitute is named; names are one-line texts. */
    record Sheet(int maxName) implements Rule {
        @Override
        public String describe() {
            return "list of {institution, status, delegate, substitute}: institution an existing institution, status DELEGATE|SUBSTITUTE|EXCUSED|ABSENT, "
                    + "delegate and substitute one-line texts of at most " + maxName + " characters, substitute required when status is SUBSTITUTE";
        }
    }

    /** A vote tally: each count 0 or more, together at most the members present with a vote (checked by the meeting). */
    record Tally() implements Rule {
        @Override
        public String describe() {
            return "optional {inFavour, against, abstained}: whole numbers ≥ 0, their sum at most the member institutions present (delegate or substitute)";
        }
    }

    /** Checked by the aggregate alone (an enum, a number range); listed so that every field has a row. */
    record Plain(String text) implements Rule {
        @Override
        public String describe() {
            return text;
        }
    }

    String describe();
}
