package cz.souhra.command.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cz.souhra.shared.ids.Region;

/**
 * {@code docs/api-fields.md} is {@link CommandRules} in words: this test renders the table from the rule
 * definitions and requires the file to be exactly that, so the documentation cannot drift from the rules
 * the server applies. {@code -Dsouhra.docs.write=true} rewrites the file.
 */
class ApiFieldsDocTest {

    static final Path DOC = Path.of("..", "docs", "api-fields.md");

    @Test
    void the_field_rules_document_is_the_rule_table() throws Exception {
        String rendered = render();
        if (Boolean.getBoolean("souhra.docs.write")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/api-fields.md differs from CommandRules (rewrite with -Dsouhra.docs.write=true)").isEqualTo(rendered);
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Command fields and their rules\n\n")
                .append("Generated from `CommandRules` (command-side); `ApiFieldsDocTest` fails when this file and the rules differ.\n\n")
                .append("Every command passes these checks on the command bus before an aggregate sees it, whoever sends it (the HTTP API, the web UI, ")
                .append("the demo loader, the schedules). A refusal is an RFC 9457 problem with a stable `code`, the refused `field` ")
                .append("(`title`, `votes.inFavour`, `attendance[1].substitute`) and `detail` in Czech or English by `Accept-Language`; nothing is stored.\n\n")
                .append("- **JSON** is read strictly (400): no number, boolean or empty text taken as a text, date, enum or whole number; no fraction as a whole ")
                .append("number; enum constants by their exact name only; a key given twice or anything after the JSON value is refused. ")
                .append("Unknown keys are ignored.\n")
                .append("- **Dates** are ISO strings: a day `YYYY-MM-DD`, an instant ISO 8601 with an offset (`2027-01-15T09:00:00Z`). Every day, and every ")
                .append("instant's day in Europe/Prague, lies in ").append(FieldChecks.FIRST_DAY).append(" … ").append(FieldChecks.LAST_DAY)
                .append(" (422 `DATE_OUT_OF_RANGE`). \"Today\" and \"now\" are the server's clock (Europe/Prague days).\n")
                .append("- **Text**: lengths count Unicode characters after NFC normalisation; text is stored NFC. Refused (422): C0 and C1 control characters ")
                .append("(tab, line feed and CR LF only in texts marked \"may contain new lines\"), lone UTF-16 surrogates, and the bidirectional ")
                .append("embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069.\n")
                .append("- **References** name an existing record of the right kind (422 `UNKNOWN_<KIND>`), and where marked \"still acts\" one that is not ")
                .append("retired, dissolved or disabled (422 `INACTIVE_<KIND>`). They are checked against the command side's own lookup table ")
                .append("(`command_lookup`, see the README).\n")
                .append("- Rules after a comma that depend on the record's own state (a due date not before the meeting, a report not before the ")
                .append("adoption, convening not before the scheduled start, votes not more than those present) are checked by the aggregate, also before ")
                .append("anything is stored.\n\n");
        md.append("## Regions\n\n| code | ISO 3166-2 | CZ-NUTS 3 | region |\n|---|---|---|---|\n");
        for (Region r : Region.values()) {
            md.append("| `").append(r.code()).append("` | ").append(r.iso()).append(" | ").append(r.nuts()).append(" | ").append(r.nameCs()).append(" |\n");
        }
        md.append("\nNo other code is accepted by a command; the ledger's `_global` chain (events without a region, e.g. user accounts) is not a region.\n");
        for (CommandRules.Entry e : CommandRules.all()) {
            md.append("\n## ").append(e.endpoint()).append(" — `").append(e.command().getSimpleName()).append("`\n\n");
            if (e.fields().isEmpty()) {
                md.append("No body fields.\n");
                continue;
            }
            md.append("| field | rule |\n|---|---|\n");
            for (CommandRules.Field f : e.fields()) {
                md.append("| `").append(f.name()).append("` | ").append(f.rule().describe()).append(" |\n");
            }
        }
        return md.toString();
    }
}
