package cz.souhra.query.common;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;

/**
 * Record to document and back for view records whose components are all plain values (text, numbers,
 * flags, instants, dates, enums, lists of text, maps of plain JSON), giving what {@link Views}' Jackson conversion gives for
 * them ({@code FlatRecordsTest} compares the two on generated records), without its write-then-parse round
 * trip. That round trip was half of the rebuild's folding time and most of the live measure projection's:
 * the measure view is read, folded and written for every measure event.
 *
 * <p>A record with any other component (a nested record, a list of records, an annotated one) has no
 * converter here, and a value of a type this does not expect (a number where text is expected, a date in a
 * map) makes the conversion answer empty: {@link Views} then uses Jackson, which knows every coercion.
 */
final class FlatRecords {

    private static final Map<Class<?>, Optional<Converter<?>>> CONVERTERS = new ConcurrentHashMap<>();

    private FlatRecords() {
    }

    @SuppressWarnings("unchecked")
    static <T> Converter<T> of(Class<T> type) {
        return (Converter<T>) CONVERTERS.computeIfAbsent(type, t -> Optional.ofNullable(create(t))).orElse(null);
    }

    private enum Kind { TEXT, INT, LONG, BOOLEAN, DOUBLE, INSTANT, DATE, ENUM, TEXT_LIST, JSON_MAP }

    private record Component(String name, Kind kind, Class<?> type, MethodHandle accessor) {}

    static final class Converter<T> {
        private final Component[] components;
        private final MethodHandle constructor;

        private Converter(Component[] components, MethodHandle constructor) {
            this.components = components;
            this.constructor = constructor;
        }

        /**
         * The components in declaration order, nulls included, as Jackson writes a record; empty when a map
         * component holds a value that is not plain JSON (Jackson then decides how to write it).
         */
        Optional<Document> toDocument(T view) {
            Document d = new Document();
            try {
                for (Component c : components) {
                    Object value = write(c, (Object) c.accessor().invokeExact((Object) view));
                    if (value == UNREADABLE) {
                        return Optional.empty();
                    }
                    d.put(c.name(), value);
                }
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + view.getClass().getSimpleName(), e);
            }
            return Optional.of(d);
        }

        /** Empty when a stored value is not of the form this writes (Jackson then decides). */
        Optional<T> fromDocument(Document d) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Component c = components[i];
                Object stored = d.get(c.name());
                Object value = stored == null ? absent(c) : read(c, stored);
                if (value == UNREADABLE) {
                    return Optional.empty();
                }
                args[i] = value;
            }
            try {
                @SuppressWarnings("unchecked")
                T view = (T) (Object) constructor.invokeExact(args);
                return Optional.of(view);
            } catch (Throwable e) {
                return Optional.empty();
            }
        }
    }

    private static final Object UNREADABLE = new Object();

    private static Object write(Component c, Object value) {
        if (value == null) {
            return null;
        }
        return switch (c.kind()) {
            case INSTANT, DATE -> value.toString();
            case ENUM -> ((Enum<?>) value).name();
            case TEXT_LIST -> new ArrayList<>((List<?>) value);
            case JSON_MAP -> json(value);
            default -> value;
        };
    }

    /**
     * A deep copy of plain JSON values (text, int, long, double, flag, null, lists, maps with text keys) into
     * the containers Jackson makes (LinkedHashMap, ArrayList); {@link #UNREADABLE} for anything else.
     */
    private static Object json(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = json(e.getValue());
                if (!(e.getKey() instanceof String key) || v == UNREADABLE) {
                    return UNREADABLE;
                }
                copy.put(key, v);
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object x : list) {
                Object v = json(x);
                if (v == UNREADABLE) {
                    return UNREADABLE;
                }
                copy.add(v);
            }
            return copy;
        }
        return UNREADABLE;
    }

    /** What Jackson gives a component the document lacks: null, or the primitive's zero. */
    private static Object absent(Component c) {
        if (!c.type().isPrimitive()) {
            return null;
        }
        return switch (c.kind()) {
            case INT -> 0;
            case LONG -> 0L;
            case BOOLEAN -> false;
            case DOUBLE -> 0.0;
            default -> null;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Component c, Object stored) {
        try {
            return switch (c.kind()) {
                case TEXT -> stored instanceof String ? stored : UNREADABLE;
                case INT -> stored instanceof Integer ? stored
                        : stored instanceof Long l && l == l.intValue() ? (Object) l.intValue() : UNREADABLE;
                case LONG -> stored instanceof Long || stored instanceof Integer ? (Object) ((Number) stored).longValue() : UNREADABLE;
                case BOOLEAN -> stored instanceof Boolean ? stored : UNREADABLE;
                case DOUBLE -> stored instanceof Double ? stored : UNREADABLE;
                case INSTANT -> stored instanceof String s ? Instant.parse(s) : UNREADABLE;
                case DATE -> stored instanceof String s ? LocalDate.parse(s) : UNREADABLE;
                case ENUM -> stored instanceof String s ? Enum.valueOf((Class<? extends Enum>) c.type(), s) : UNREADABLE;
                case TEXT_LIST -> stored instanceof List<?> list && list.stream().allMatch(x -> x == null || x instanceof String)
                        ? new ArrayList<>(list) : UNREADABLE;
                case JSON_MAP -> stored instanceof Map<?, ?> ? json(stored) : UNREADABLE;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return UNREADABLE;
        }
    }

    private static <T> Converter<T> create(Class<T> type) {
        if (!type.isRecord() || hasJacksonAnnotations(type)) {
            return null;
        }
        RecordComponent[] rcs = type.getRecordComponents();
        Component[] components = new Component[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            for (int i = 0; i < rcs.length; i++) {
                RecordComponent rc = rcs[i];
                Kind kind = kind(rc.getType(), rc.getGenericType());
                if (kind == null || hasJacksonAnnotations(rc) || hasJacksonAnnotations(rc.getAccessor())) {
                    return null;
                }
                // Typed (Object)Object and (Object[])Object once here, so that each call is an invokeExact
                // (invokeWithArguments boxed and spread the arguments anew on every call: half the time).
                components[i] = new Component(rc.getName(), kind, rc.getType(),
                        lookup.unreflect(rc.getAccessor()).asType(MethodType.methodType(Object.class, Object.class)));
                types[i] = rc.getType();
            }
            MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length).asType(MethodType.methodType(Object.class, Object[].class));
            return new Converter<>(components, constructor);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return null; // not public: Jackson, which may reach it, stays in charge
        }
    }

    private static Kind kind(Class<?> t, Type generic) {
        if (t == String.class) {
            return Kind.TEXT;
        }
        if (t == int.class || t == Integer.class) {
            return Kind.INT;
        }
        if (t == long.class || t == Long.class) {
            return Kind.LONG;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (t == double.class || t == Double.class) {
            return Kind.DOUBLE;
        }
        if (t == Instant.class) {
            return Kind.INSTANT;
        }
        if (t == LocalDate.class) {
            return Kind.DATE;
        }
        if (t.isEnum() && !hasJacksonAnnotations(t)) {
            return Kind.ENUM;
        }
        if (t == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            return Kind.TEXT_LIST;
        }
        if (t == Map.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class
                && p.getActualTypeArguments()[1] == Object.class) {
            return Kind.JSON_MAP;
        }
        return null;
    }

    /** Jackson annotations on the element, or on an enum's constants (a {@code @JsonProperty} renames one). */
    private static boolean hasJacksonAnnotations(AnnotatedElement e) {
        if (jackson(e)) {
            return true;
        }
        return e instanceof Class<?> c && c.isEnum() && Arrays.stream(c.getDeclaredFields()).anyMatch(FlatRecords::jackson);
    }

    private static boolean jackson(AnnotatedElement e) {
        return Arrays.stream(e.getAnnotations()).anyMatch(a -> a.annotationType().getPackageName().startsWith("com.fasterxml.jackson"));
    }
}
