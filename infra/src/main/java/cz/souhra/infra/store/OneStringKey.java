package cz.souhra.infra.store;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The Java serialization of an index key made of one string (an {@code _id}, an event id), built without an
 * {@code ObjectOutputStream}. Such a stream is the same bytes around the string whatever the string is: the
 * class descriptors of {@code KeyValue} and of its {@code ArrayList} before it, the end of the list after
 * it. Those two parts are taken once from the serialization of a marker key, and checked at start against
 * H2's own serialization of sample keys; if any sample differs (another mongo-java-server or JDK) the fast
 * path stays off and every key is serialized as before. Under load, serializing the probe key of every
 * unique-index lookup was a fifth of all allocation (a fresh {@code ObjectOutputStream} and its buffers each
 * time), and serializing new keys a tenth of a rebuild's CPU.
 *
 * <p>What the stream would not write as a plain string is left to the slow path: a string too long for a
 * two-byte length, and anything shaped like a type signature, since the stream writes an interned
 * signature string it has already written (the descriptor's {@code Ljava/util/List;}) as a back reference.
 */
final class OneStringKey {

    private static final byte TC_STRING = 0x74;
    /** Three bytes per char at most: below this a string's modified UTF-8 always fits TC_STRING's u2 length. */
    private static final int MAX_CHARS = 0xFFFF / 3;
    private static final String MARKER = "\u0001souhra-one-string-key";

    private static final byte[] PREFIX;
    private static final byte[] SUFFIX;

    static {
        byte[][] parts = parts();
        PREFIX = parts == null ? null : parts[0];
        SUFFIX = parts == null ? null : parts[1];
    }

    private OneStringKey() {}

    static boolean enabled() {
        return PREFIX != null;
    }

    /** The key's serialized bytes, or null when the key is not one plain string (or the fast path is off). */
    static byte[] bytes(KeyValue key) {
        if (PREFIX == null || key.size() != 1 || !(key.get(0) instanceof String s) || !plain(s)) {
            return null;
        }
        return assemble(PREFIX, s, SUFFIX);
    }

    private static boolean plain(String s) {
        if (s.length() > MAX_CHARS) {
            return false;
        }
        return s.isEmpty() || !((s.charAt(0) == 'L' || s.charAt(0) == '[') && s.charAt(s.length() - 1) == ';');
    }

    private static byte[] assemble(byte[] prefix, String s, byte[] suffix) {
        byte[] utf = modifiedUtf8(s);
        byte[] out = new byte[prefix.length + 3 + utf.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        out[at] = TC_STRING;
        out[at + 1] = (byte) (utf.length >>> 8);
        out[at + 2] = (byte) utf.length;
        System.arraycopy(utf, 0, out, at + 3, utf.length);
        System.arraycopy(suffix, 0, out, at + 3 + utf.length, suffix.length);
        return out;
    }

    /** DataOutput.writeUTF's encoding without its length: NUL and U+0080–U+07FF in two bytes, surrogates one by one. */
    private static byte[] modifiedUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out.write(c);
            } else if (c <= 0x07FF) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /** Prefix and suffix around the marker, or null when the marker's bytes are not found exactly once or a sample disagrees. */
    private static byte[][] parts() {
        try {
            byte[] template = ObjectDataType.serialize(new KeyValue(MARKER));
            byte[] needle = assemble(new byte[0], MARKER, new byte[0]);
            int at = indexOf(template, needle, 0);
            if (at < 0 || indexOf(template, needle, at + 1) >= 0) {
                return null;
            }
            byte[] prefix = Arrays.copyOfRange(template, 0, at);
            byte[] suffix = Arrays.copyOfRange(template, at + needle.length, template.length);
            for (String sample : List.of("", "a", "8d3c1f2e-6b1a-4c55-9d0e-3f1b2a7c9e10", "Žluťoučký kůň\u0000\u07FF\u0800\uFFFF\uD83D\uDE00")) {
                if (!Arrays.equals(assemble(prefix, sample, suffix), ObjectDataType.serialize(new KeyValue(sample)))) {
                    return null;
                }
            }
            return new byte[][] {prefix, suffix};
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
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
