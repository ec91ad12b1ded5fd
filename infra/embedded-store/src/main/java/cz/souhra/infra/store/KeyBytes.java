package cz.souhra.infra.store;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The Java serialization of an index key of up to four strings, ObjectIds, doubles, longs and ints, built
 * without an {@code ObjectOutputStream}. For one shape of key (the classes of its values, in order) the stream
 * is the same bytes around the values whatever they are: the class descriptors, written in full the first
 * time and as back references after, and the list's frame. Those bytes are taken once per shape from the
 * serialization of a marker key and checked against H2's own serialization of sample keys; a shape whose
 * samples differ (another mongo-java-server, bson or JDK) stays on the slow path, as does every key this
 * class does not know. Under load H2's checkpoints wrote each changed index page with all its keys, and the
 * keys an identity cache had lost went through a fresh {@code ObjectOutputStream} each: the documents'
 * ObjectId {@code _id}s and the events' (aggregate, sequence) keys, about 70 keys per command and a sixth of
 * all allocation. One-string keys (an {@code _id}, an event id) were the first shape done this way.
 *
 * <p>What the stream would not write as a plain value is left to the slow path: a string too long for a
 * two-byte length, anything shaped like a type signature (the stream writes an interned signature string it
 * has already written, such as a descriptor's {@code Ljava/util/List;} or {@code [B}, as a back reference),
 * and a value that is the same object as an earlier one in the key (written as a back reference too).
 *
 * <p>The same templates read keys back ({@link #parse}): a page read from the file deserialized each of its
 * keys through a fresh {@code ObjectInputStream}, about 20 µs and 5 keys per command under the 8-client load.
 */
final class KeyBytes {

    private static final byte TC_STRING = 0x74;
    /** Three bytes per char at most: below this a string's modified UTF-8 always fits TC_STRING's u2 length. */
    private static final int MAX_CHARS = 0xFFFF / 3;
    private static final int MAX_VALUES = 4;
    private static final int STRING = 1, OBJECT_ID = 2, DOUBLE = 3, LONG = 4, INTEGER = 5;
    /** Three bits per value, three for the count. */
    private static final int SHAPES = 1 << (3 * MAX_VALUES + 3);
    private static final byte[][] OFF = new byte[0][];

    /** Per shape the parts between the values, or OFF once its samples disagreed. */
    private static final AtomicReferenceArray<byte[][]> TEMPLATES = new AtomicReferenceArray<>(SHAPES);
    /** The shapes that passed their check, for reading: a handful, tried in turn. */
    private static final CopyOnWriteArrayList<Known> KNOWN = new CopyOnWriteArrayList<>();

    private record Known(int[] kinds, byte[][] parts) {}

    private KeyBytes() {}

    /** The key's serialized bytes, or null when this key is left to the stream. */
    static byte[] bytes(KeyValue key) {
        int shape = shape(key);
        if (shape < 0) {
            return null;
        }
        byte[][] parts = template(shape, key);
        if (parts == OFF) {
            return null;
        }
        int size = 0;
        for (int i = 0; i < key.size(); i++) {
            size += needleLength(key.get(i));
        }
        return assemble(parts, key, size);
    }

    /** The key's shape, or -1 when the stream would write it otherwise than as plain values around a template. */
    private static int shape(KeyValue key) {
        int n = key.size();
        if (n == 0 || n > MAX_VALUES) {
            return -1;
        }
        int shape = n;
        for (int i = 0; i < n; i++) {
            Object v = key.get(i);
            int kind = kind(v);
            if (kind == 0 || (kind == STRING && !plain((String) v))) {
                return -1;
            }
            for (int j = 0; j < i; j++) {
                if (key.get(j) == v) {
                    return -1;
                }
            }
            shape |= kind << (3 + 3 * i);
        }
        return shape;
    }

    /** Makes the template of this key's shape (a key the stream read), so that the next keys of its shape are read without one. */
    static void learn(KeyValue key) {
        int shape = shape(key);
        if (shape >= 0) {
            template(shape, key);
        }
    }

    /**
     * The key whose serialization these bytes are, if they are one of the known shapes' templates with plain
     * values between its parts; null otherwise (the stream then reads them). Reading is deterministic, so bytes
     * that match a template part for part and value for value are what the stream would read as this key.
     */
    static KeyValue parse(byte[] bytes) {
        for (Known known : KNOWN) {
            KeyValue key = parse(bytes, known);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private static KeyValue parse(byte[] in, Known known) {
        byte[][] parts = known.parts();
        Object[] values = new Object[known.kinds().length];
        int at = 0;
        for (int i = 0; ; i++) {
            if (!startsWith(in, at, parts[i])) {
                return null;
            }
            at += parts[i].length;
            if (i == values.length) {
                return at == in.length ? new KeyValue(values) : null;
            }
            int kind = known.kinds()[i];
            if (kind == STRING) {
                if (at + 3 > in.length || in[at] != TC_STRING) {
                    return null;
                }
                int length = (in[at + 1] & 0xFF) << 8 | (in[at + 2] & 0xFF);
                at += 3;
                if (at + length > in.length || (values[i] = readModifiedUtf8(in, at, length)) == null) {
                    return null;
                }
                at += length;
            } else {
                int width = width(kind);
                if (at + width > in.length) {
                    return null;
                }
                // boxed one by one: a switch of mixed numeric arms could otherwise widen them all to one type
                Object value = switch (kind) {
                    case OBJECT_ID -> new ObjectId(Arrays.copyOfRange(in, at, at + width));
                    case DOUBLE -> Double.valueOf(Double.longBitsToDouble(readLong(in, at, 8)));
                    case LONG -> Long.valueOf(readLong(in, at, 8));
                    default -> Integer.valueOf((int) readLong(in, at, 4));
                };
                values[i] = value;
                at += width;
            }
        }
    }

    private static boolean startsWith(byte[] in, int at, byte[] part) {
        return in.length - at >= part.length && Arrays.equals(in, at, at + part.length, part, 0, part.length);
    }

    private static long readLong(byte[] in, int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | (in[at + i] & 0xFF);
        }
        return bytes == 4 ? (int) v : v;
    }

    /** DataInput.readUTF's decoding of length bytes; null where it would throw (a malformed sequence). */
    private static String readModifiedUtf8(byte[] in, int at, int length) {
        char[] chars = new char[length];
        int n = 0;
        int end = at + length;
        while (at < end) {
            int b = in[at] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
                at++;
            } else if ((b & 0xE0) == 0xC0) {
                if (at + 1 >= end || (in[at + 1] & 0xC0) != 0x80) {
                    return null;
                }
                chars[n++] = (char) ((b & 0x1F) << 6 | (in[at + 1] & 0x3F));
                at += 2;
            } else if ((b & 0xF0) == 0xE0) {
                if (at + 2 >= end || (in[at + 1] & 0xC0) != 0x80 || (in[at + 2] & 0xC0) != 0x80) {
                    return null;
                }
                chars[n++] = (char) ((b & 0x0F) << 12 | (in[at + 1] & 0x3F) << 6 | (in[at + 2] & 0x3F));
                at += 3;
            } else {
                return null;
            }
        }
        return new String(chars, 0, n);
    }

    /** The parts with the key's values between them; valuesSize is what the values take. */
    private static byte[] assemble(byte[][] parts, KeyValue key, int valuesSize) {
        int size = valuesSize;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = put(out, 0, parts[0]);
        for (int i = 0; i < key.size(); i++) {
            at = value(out, at, key.get(i));
            at = put(out, at, parts[i + 1]);
        }
        return out;
    }

    /** Whether keys of this one's shape take the fast path (tests read it). */
    static boolean enabled(KeyValue key) {
        return bytes(key) != null;
    }

    private static int kind(Object v) {
        if (v instanceof String) {
            return STRING;
        } else if (v instanceof ObjectId) {
            return OBJECT_ID;
        } else if (v instanceof Double) {
            return DOUBLE;
        } else if (v instanceof Long) {
            return LONG;
        } else if (v instanceof Integer) {
            return INTEGER;
        }
        return 0;
    }

    private static int width(int kind) {
        return switch (kind) {
            case OBJECT_ID -> 12;
            case DOUBLE, LONG -> 8;
            default -> 4;
        };
    }

    private static boolean plain(String s) {
        if (s.length() > MAX_CHARS) {
            return false;
        }
        return s.isEmpty() || !(s.charAt(0) == '[' || (s.charAt(0) == 'L' && s.charAt(s.length() - 1) == ';'));
    }

    private static byte[][] template(int shape, KeyValue key) {
        byte[][] parts = TEMPLATES.get(shape);
        if (parts == null) {
            parts = build(key);
            if (TEMPLATES.compareAndSet(shape, null, parts) && parts != OFF) {
                int[] kinds = new int[key.size()];
                for (int i = 0; i < kinds.length; i++) {
                    kinds[i] = kind(key.get(i));
                }
                KNOWN.add(new Known(kinds, parts));
            }
            parts = TEMPLATES.get(shape);
        }
        return parts;
    }

    /** The parts around a marker key of the given key's shape, or OFF if the marker or a sample disagrees with H2. */
    private static byte[][] build(KeyValue shapeOf) {
        int n = shapeOf.size();
        try {
            Object[] markers = new Object[n];
            for (int i = 0; i < n; i++) {
                markers[i] = marker(kind(shapeOf.get(i)), i);
            }
            byte[] template = ObjectDataType.serialize(new KeyValue(markers));
            byte[][] parts = new byte[n + 1][];
            int from = 0;
            for (int i = 0; i < n; i++) {
                byte[] needle = new byte[needleLength(markers[i])];
                value(needle, 0, markers[i]);
                int at = indexOf(template, needle, 0);
                if (at < from || indexOf(template, needle, at + 1) >= 0) {
                    return OFF;
                }
                parts[i] = Arrays.copyOfRange(template, from, at);
                from = at + needle.length;
            }
            parts[n] = Arrays.copyOfRange(template, from, template.length);
            Random random = new Random(n * 31L + template.length);
            for (int s = 0; s < 8; s++) {
                Object[] sample = new Object[n];
                for (int i = 0; i < n; i++) {
                    sample[i] = sample(kind(markers[i]), random, s);
                }
                KeyValue key = new KeyValue(sample);
                int valuesSize = 0;
                for (Object v : sample) {
                    valuesSize += needleLength(v);
                }
                if (!Arrays.equals(assemble(parts, key, valuesSize), ObjectDataType.serialize(key))) {
                    return OFF;
                }
            }
            return parts;
        } catch (RuntimeException | LinkageError e) {
            return OFF;
        }
    }

    private static Object marker(int kind, int i) {
        return switch (kind) {
            case STRING -> "\u0001souhra-key-" + i;
            case OBJECT_ID -> new ObjectId(new byte[] {'s', 'o', 'u', 'h', 'r', 'a', '-', 'o', 'i', 'd', '-', (byte) ('0' + i)});
            case DOUBLE -> Double.longBitsToDouble(0x536F756872614400L + i);
            case LONG -> 0x536F756872614C00L + i;
            default -> 0x536F4900 + i;
        };
    }

    /** Samples that reach the corners of each encoding, each a distinct object: empty, NUL and surrogate strings, NaN and -0.0, extremes. */
    private static Object sample(int kind, Random random, int s) {
        return switch (kind) {
            // new String: the same literal twice in a key would be one object, written once and then referred to
            case STRING -> new String(s == 0 ? "" : s == 1 ? "Žluťoučký kůň\u0000\u07FF\u0800\uFFFF\uD83D\uDE00\uD800" : Long.toString(random.nextLong(), 36));
            case OBJECT_ID -> {
                byte[] b = new byte[12];
                random.nextBytes(b);
                yield new ObjectId(b);
            }
            case DOUBLE -> s == 0 ? Double.NaN : s == 1 ? -0.0 : s == 2 ? Double.NEGATIVE_INFINITY : random.nextDouble() * random.nextInt();
            case LONG -> s == 0 ? Long.MIN_VALUE : s == 1 ? -1000L : random.nextLong();
            default -> s == 0 ? Integer.MIN_VALUE : s == 1 ? -1000 : random.nextInt();
        };
    }

    private static int needleLength(Object v) {
        return v instanceof String s ? 3 + utfLength(s) : width(kind(v));
    }

    /** Writes a value as the stream writes it inside the template: a string with its TC_STRING header, the rest raw. */
    private static int value(byte[] out, int at, Object v) {
        if (v instanceof String s) {
            int length = utfLength(s);
            out[at] = TC_STRING;
            out[at + 1] = (byte) (length >>> 8);
            out[at + 2] = (byte) length;
            return modifiedUtf8(s, out, at + 3);
        } else if (v instanceof ObjectId id) {
            return put(out, at, id.toByteArray());
        } else if (v instanceof Double d) {
            return putLong(out, at, Double.doubleToLongBits(d), 8);
        } else if (v instanceof Long l) {
            return putLong(out, at, l, 8);
        }
        return putLong(out, at, (Integer) v, 4);
    }

    private static int putLong(byte[] out, int at, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out[at++] = (byte) (v >>> (8 * i));
        }
        return at;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private static int utfLength(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }

    /** DataOutput.writeUTF's encoding without its length: NUL and U+0080–U+07FF in two bytes, surrogates one by one. */
    private static int modifiedUtf8(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out[at++] = (byte) c;
            } else if (c <= 0x07FF) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
