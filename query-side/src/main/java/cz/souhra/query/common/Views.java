package cz.souhra.query.common;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.lang.reflect.RecordComponent;

import org.bson.Document;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cz.souhra.shared.queries.Page;

/**
 * Conversions between immutable view records and stored documents (dates as ISO text, so the stored
 * form is what a rebuild would write byte for byte), plus in-memory paging: the embedded store ignores
 * secondary indexes, so a register is read once and filtered here.
 */
public final class Views {

    public static final int MAX_PAGE_SIZE = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Views() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Document toDocument(String id, Object view) {
        FlatRecords.Converter flat = FlatRecords.of(view.getClass());
        Optional<Document> direct = flat == null ? Optional.empty() : flat.toDocument(view);
        if (direct.isEmpty()) {
            return toDocumentByJackson(id, view);
        }
        Document d = direct.get();
        d.put("_id", id);
        return d;
    }

    public static <T> T fromDocument(Document d, Class<T> type) {
        if (d == null) {
            return null;
        }
        FlatRecords.Converter<T> flat = FlatRecords.of(type);
        return flat == null ? fromDocumentByJackson(d, type) : flat.fromDocument(d).orElseGet(() -> fromDocumentByJackson(d, type));
    }

    /** Jackson's conversion: for records {@link FlatRecords} does not take, and the reference it must equal. */
    @SuppressWarnings("unchecked")
    static Document toDocumentByJackson(String id, Object view) {
        Document d = new Document(JSON.convertValue(view, Map.class));
        d.put("_id", id);
        return d;
    }

    static <T> T fromDocumentByJackson(Document d, Class<T> type) {
        return JSON.convertValue(d, type);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object payload) {
        return JSON.convertValue(payload, Map.class);
    }

    public static <T> Page<T> page(List<T> all, Predicate<T> filter, Comparator<T> order, int page, int size) {
        int s = size == Integer.MAX_VALUE ? size : Math.max(1, Math.min(size <= 0 ? 50 : size, MAX_PAGE_SIZE));
        int p = Math.max(0, page);
        List<T> matching = all.stream().filter(filter).sorted(order).toList();
        int from = Math.min(matching.size(), p * s);
        return new Page<>(matching.subList(from, Math.min(matching.size(), from + s)), matching.size(), p, s);
    }

    /** Equal as read models: same canonical form, whatever number types the store handed back. */
    public static boolean sameContent(Document a, Document b) {
        return a == b || (a != null && b != null && Canonical.json(a).equals(Canonical.json(b)));
    }

    /**
     * Order of a register from {@code sort=field,asc|desc} over a record's components; unknown fields are
     * refused, ties are broken by {@code tieBreak} so pages never overlap.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends Record> Comparator<T> order(Class<T> type, String sort, String defaultSort, Set<String> allowed, String tieBreak) {
        String s = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = s.split(",");
        String field = parts[0].trim();
        if (!allowed.contains(field)) {
            throw QueryRefusal.invalid("sort=" + field);
        }
        Function<T, Object> key = accessor(type, field);
        Function<T, Object> tie = accessor(type, tieBreak);
        Comparator<T> c = Comparator.comparing(v -> (Comparable) comparable(key.apply(v)), Comparator.nullsLast(Comparator.naturalOrder()));
        c = c.thenComparing(v -> (Comparable) comparable(tie.apply(v)), Comparator.nullsLast(Comparator.naturalOrder()));
        return parts.length > 1 && parts[1].trim().equalsIgnoreCase("desc") ? c.reversed() : c;
    }

    private static Object comparable(Object o) {
        return o == null || o instanceof Comparable<?> ? o : o.toString();
    }

    private static <T> Function<T, Object> accessor(Class<T> type, String field) {
        for (RecordComponent rc : type.getRecordComponents()) {
            if (rc.getName().equals(field)) {
                return v -> {
                    try {
                        return rc.getAccessor().invoke(v);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no " + field);
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
