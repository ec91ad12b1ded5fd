package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The canonical form is the contract of every stored hash (docs/ledger.md): the faster ways of computing
 * it must give exactly the bytes of the reference way, or every ledger written so far would verify as
 * edited.
 */
class CanonicalFormTest {

    private static final String[] KEYS = {"a", "B", "b", "ab", "_id", "note", "Ž", "žluťoučký", "é", "\u00e9", "e\u0301", "😀", "\\\"q",
            "tab\t", "", "10", "9", "měsíc"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-7", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "123456789012345678901234567890", "0.1", "1.10", "-0.0", "1e3", "1E-7", "2.5e+300", "1.7976931348623157E308",
            "4.9E-324", "3.141592653589793238462643383279"};
    private static final String[] STRINGS = {"\"\"", "\"Zmapováno 12 z 30 ubytoven – Liberec-jih\"", "\"\\u0000\\u001f\\n\\r\\t\"",
            "\"😀 \\ud83d\\ude00\"", "\"lone \\ud800 surrogate\"", "\"\\u202eRTL\"", "\"quote \\\" backslash \\\\ slash \\/\"", "\"<script>&amp;\""};

    @Test
    void given_json_of_every_shape_when_made_canonical_then_the_bytes_are_those_of_the_reference_way() {
        Random random = new Random(20261123);
        for (int i = 0; i < 3_000; i++) {
            String json = value(random, 0);
            assertThat(CanonicalForm.canonicalBytes(json)).as(json)
                    .isEqualTo(CanonicalForm.referenceCanonicalJson(json).getBytes(StandardCharsets.UTF_8));
        }
        for (String odd : List.of("", "  ", "not json", "{\"a\":1", "[1,2", "{\"a\":1}{\"b\":2}", "null", "\"text\"", "12", "{\"a\":1,\"a\":2}")) {
            assertThat(CanonicalForm.canonicalBytes(odd)).as(odd).isEqualTo(CanonicalForm.referenceCanonicalJson(odd).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String value(Random random, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0: {
                StringBuilder b = new StringBuilder("{");
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append('"').append(KEYS[random.nextInt(KEYS.length)].replace("\\\"", "\\\\\\\"").replace("\t", "\\t"))
                            .append("\":").append(value(random, depth + 1));
                }
                return b.append('}').toString();
            }
            case 1: {
                StringBuilder b = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(value(random, depth + 1));
                }
                return b.append(']').toString();
            }
            case 2:
                return NUMBERS[random.nextInt(NUMBERS.length)];
            case 3:
                return STRINGS[random.nextInt(STRINGS.length)];
            case 4:
                return random.nextBoolean() ? "true" : "false";
            default:
                return random.nextInt(3) == 0 ? "null" : " \n" + NUMBERS[random.nextInt(NUMBERS.length)] + " ";
        }
    }

    @Test
    void given_stored_timestamps_when_made_canonical_then_the_text_is_what_instant_prints_or_the_stored_text_if_it_is_no_instant() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String stored = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", random.nextInt(10_000), 1 + random.nextInt(13), 1 + random.nextInt(31),
                    random.nextInt(26), random.nextInt(61), random.nextInt(62), random.nextInt(4) == 0 ? 0 : random.nextInt(1000));
            assertThat(CanonicalForm.canonicalTimestamp(stored)).as(stored).isEqualTo(reference(stored));
        }
        for (String odd : List.of("2026-03-01T09:00:00Z", "2026-03-01T09:00:00.5Z", "2026-03-01T09:00:00.500000Z", "2026-02-29T10:00:00.500Z",
                "2024-02-29T10:00:00.500Z", "2026-03-01T24:00:00.500Z", "2026-12-31T23:59:60.500Z", "2026-03-01 09:00:00.500Z", "garbage", "")) {
            assertThat(CanonicalForm.canonicalTimestamp(odd)).as(odd).isEqualTo(reference(odd));
        }
    }

    private static String reference(String stored) {
        try {
            return Instant.parse(stored).toString();
        } catch (DateTimeParseException e) {
            return stored;
        }
    }
}
