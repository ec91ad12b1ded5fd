package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.InstitutionView;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingView;

/**
 * The direct record/document conversion must store and read exactly what Jackson's conversion does,
 * value types and field order included: live folds and rebuilds write these documents, and a read model
 * must equal its rebuild whichever conversion wrote the older documents.
 */
class FlatRecordsTest {

    private enum Colour { RED, GREEN }

    public record Sample(String text, int small, long big, Long boxedBig, boolean flag, Boolean boxedFlag, double ratio, Integer boxedSmall,
                         Instant at, LocalDate on, Colour colour, List<String> names) {}

    private final Random random = new Random(20261123);

    @Test
    void given_generated_flat_views_when_converted_both_ways_then_documents_and_records_equal_jacksons_exactly() throws Exception {
        for (Class<? extends Record> type : List.of(MeasureView.class, BodyView.class, InstitutionView.class, HistoryEntry.class, Sample.class)) {
            assertThat(FlatRecords.of(type)).as(type.getSimpleName() + " is flat").isNotNull();
            for (int i = 0; i < 2_000; i++) {
                Record view = generate(type);
                Document fast = Views.toDocument("id-" + i, view);
                Document jackson = Views.toDocumentByJackson("id-" + i, view);
                assertThat(typed(fast)).as(type.getSimpleName() + " " + view).isEqualTo(typed(jackson));
                assertThat(Views.fromDocument(jackson, type)).isEqualTo(Views.fromDocumentByJackson(jackson, type)).isEqualTo(view);
            }
        }
    }

    @Test
    void given_views_with_nested_records_when_converted_then_jackson_does_it() {
        assertThat(FlatRecords.of(IssueView.class)).isNull();
        assertThat(FlatRecords.of(MeetingView.class)).isNull();
    }

    @Test
    void given_a_map_holding_values_that_are_not_plain_json_when_converted_then_the_result_is_jacksons() {
        HistoryEntry plain = generate(HistoryEntry.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("when", Instant.parse("2026-03-10T09:15:00.120Z"));
        details.put("day", LocalDate.of(2026, 3, 10));
        details.put("nested", new LinkedHashMap<>(Map.of("ratio", 1.5f)));
        HistoryEntry odd = new HistoryEntry(plain.eventId(), plain.aggregateId(), plain.aggregateType(), plain.sequence(), plain.type(), details,
                plain.actor(), plain.institution(), plain.region(), plain.meetingId(), plain.correlationId(), plain.subjects(),
                plain.recordedAt(), plain.effectiveAt());
        assertThat(typed(Views.toDocument("e", odd))).isEqualTo(typed(Views.toDocumentByJackson("e", odd)));

        Document stored = Views.toDocumentByJackson("e", plain);
        stored.put("details", new Document("at", new Date(0)).append("list", List.of(new Document("x", 1L))));
        assertThat(Views.fromDocument(stored, HistoryEntry.class)).isEqualTo(Views.fromDocumentByJackson(stored, HistoryEntry.class));
    }

    @Test
    void given_stored_values_of_unexpected_types_when_read_then_the_result_is_jacksons() {
        Document stored = Views.toDocumentByJackson("m-1", generate(MeasureView.class));
        stored.put("percent", 40L);               // a long where an int is kept
        stored.put("version", 7);                 // an int where a long is kept
        stored.put("title", 12);                  // a number where text is kept
        stored.put("adoptedAt", new Date(0));     // a BSON date where ISO text is kept
        stored.put("dueDate", "2026-02-30");      // no such day
        stored.put("unknownField", "ignored");
        MeasureView jackson = tryJackson(stored);
        MeasureView fast = tryFast(stored);
        assertThat(fast).isEqualTo(jackson);

        Document missing = new Document("_id", "m-2").append("measureId", "m-2");
        assertThat(Views.fromDocument(missing, MeasureView.class)).isEqualTo(Views.fromDocumentByJackson(missing, MeasureView.class));
    }

    private static MeasureView tryJackson(Document d) {
        try {
            return Views.fromDocumentByJackson(d, MeasureView.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static MeasureView tryFast(Document d) {
        try {
            return Views.fromDocument(d, MeasureView.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Each field with its value's class at every depth, in order: equal maps of different number or container types must not pass. */
    private static List<String> typed(Document d) {
        List<String> out = new ArrayList<>();
        d.forEach((k, v) -> out.add(k + "=" + describe(v)));
        return out;
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('{');
            m.forEach((k, x) -> b.append(k).append('=').append(describe(x)).append(','));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('[');
            l.forEach(x -> b.append(describe(x)).append(','));
            return b.append(']').toString();
        }
        return v + " (" + (v == null ? "null" : v.getClass().getName()) + ")";
    }

    private <T extends Record> T generate(Class<T> type) {
        RecordComponent[] rcs = type.getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            args[i] = value(rcs[i]);
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(RecordComponent rc) {
        Class<?> t = rc.getType();
        boolean nullable = !t.isPrimitive() && random.nextInt(5) == 0;
        if (nullable) {
            return null;
        }
        if (t == String.class) {
            return text();
        }
        if (t == int.class || t == Integer.class) {
            return random.nextBoolean() ? random.nextInt(200) : random.nextInt();
        }
        if (t == long.class || t == Long.class) {
            return switch (random.nextInt(3)) {
                case 0 -> (long) random.nextInt(100);
                case 1 -> random.nextLong();
                default -> (long) Integer.MAX_VALUE + random.nextInt(1000);
            };
        }
        if (t == boolean.class || t == Boolean.class) {
            return random.nextBoolean();
        }
        if (t == double.class || t == Double.class) {
            return random.nextBoolean() ? (double) random.nextInt(10) : random.nextDouble() * 1e6;
        }
        if (t == Instant.class) {
            long nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(200_000_000), nanos);
        }
        if (t == LocalDate.class) {
            return LocalDate.of(2000 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
        }
        if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (t == List.class && rc.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            List<String> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(text());
            }
            return list;
        }
        if (t == Map.class) {
            return jsonMap(2);
        }
        throw new IllegalArgumentException("no generator for " + rc);
    }

    /** Plain JSON as Jackson makes it from an event: text keys, nested maps and lists, ints, longs, doubles, flags, nulls. */
    private Map<String, Object> jsonMap(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            m.put(text() + i, jsonValue(depth));
        }
        return m;
    }

    private Object jsonValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> null;
            case 1 -> text();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble();
            case 5 -> random.nextBoolean();
            case 6 -> (long) random.nextInt(10);
            case 7 -> jsonMap(depth - 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(jsonValue(depth - 1));
                }
                yield list;
            }
        };
    }

    private String text() {
        String[] samples = {"", "Úřad práce ČR – krajská pobočka v Liberci", "a.b$c", "😀 emoji", "line\nbreak \"quoted\"", "LBK"};
        return samples[random.nextInt(samples.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
    }
}
