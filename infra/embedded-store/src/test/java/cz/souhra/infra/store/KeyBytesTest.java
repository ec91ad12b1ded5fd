package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

class KeyBytesTest {

    @Test
    void given_this_mongo_java_server_bson_and_jdk_when_the_store_s_key_shapes_are_built_then_each_takes_the_fast_path() {
        // the shapes a load profile found going through the stream: ids, ObjectId _ids, (aggregate, sequence)
        assertThat(KeyBytes.enabled(new KeyValue("m-1"))).isTrue();
        assertThat(KeyBytes.enabled(new KeyValue(new ObjectId()))).isTrue();
        assertThat(KeyBytes.enabled(new KeyValue("agg-1", 7.0))).isTrue();
    }

    @Test
    void given_random_keys_of_every_known_shape_when_built_without_a_stream_then_the_bytes_are_h2s_java_serialization() {
        Random random = new Random(20261203);
        int checked = 0;
        for (int i = 0; i < 5_000; i++) {
            KeyValue key = randomKey(random, i);
            byte[] built = KeyBytes.bytes(key);
            assertThat(built).as("a key of plain values takes the fast path: %s", key).isNotNull();
            assertThat(built).as("bytes of %s", key).isEqualTo(ObjectDataType.serialize(key));
            checked++;
        }
        assertThat(checked).isEqualTo(5_000);
    }

    @Test
    void given_random_one_string_keys_when_built_without_a_stream_then_the_bytes_are_h2s_java_serialization() {
        Random random = new Random(20261203);
        List<String> strings = new ArrayList<>(List.of("", "\u0000", "Ljava/util/Lis", "java/util/List;", "8d3c1f2e-6b1a-4c55-9d0e-3f1b2a7c9e10"));
        for (int i = 0; i < 5_000; i++) {
            strings.add(plainString(random, random.nextInt(i % 100 == 0 ? 3_000 : 80)));
        }
        int fast = 0;
        for (String s : strings) {
            KeyValue key = new KeyValue(s);
            byte[] built = KeyBytes.bytes(key);
            assertThat(built).as("a plain string takes the fast path: %s", s).isNotNull();
            assertThat(built).as("bytes of %s", s).isEqualTo(ObjectDataType.serialize(key));
            fast++;
        }
        assertThat(fast).isEqualTo(strings.size());
    }

    @Test
    void given_keys_the_stream_would_not_write_as_a_plain_string_when_asked_then_they_are_left_to_the_slow_path() {
        String signature = "Ljava/util/List;";
        String tooLong = "x".repeat(30_000);

        Long cached = 7L;
        String same = "agg-1";

        assertThat(KeyBytes.bytes(new KeyValue(signature))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue("[Ljava/lang/Object;"))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue(new ObjectId(), "[B"))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue(tooLong))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue(cached, cached))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue(same, same))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue(true))).isNull();
        assertThat(KeyBytes.bytes(new KeyValue("a", "b", "c", "d", "e"))).isNull();
        // the same object twice is a back reference in the stream; equal but distinct objects are written twice
        assertThat(ObjectDataType.serialize(new KeyValue(same, same)).length)
                .isLessThan(ObjectDataType.serialize(new KeyValue(same, new String(same))).length);
        assertThat(KeyBytes.bytes(new KeyValue(same, new String(same)))).isEqualTo(ObjectDataType.serialize(new KeyValue(same, new String(same))));
        // What the slow path then writes for the interned signature is a back reference, not the string:
        // the reason for leaving such strings alone.
        assertThat(ObjectDataType.serialize(new KeyValue(signature)).length)
                .isLessThan(ObjectDataType.serialize(new KeyValue("Ljava/util/Lisx")).length);
    }

    @Test
    void given_keys_of_the_store_s_shapes_when_the_index_type_compares_them_then_no_key_is_serialized_through_a_stream_and_the_order_is_h2s() {
        IndexKeyType type = new IndexKeyType();
        ObjectDataType h2 = new ObjectDataType();
        List<KeyValue> keys = storeShapedKeys(new Random(7), 100);
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(type.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
        assertThat(type.serializations.sum()).isZero();
    }

    @Test
    void given_random_keys_of_every_known_shape_when_their_bytes_are_read_back_without_a_stream_then_each_is_the_key_the_stream_reads() {
        Random random = new Random(20261204);
        for (int i = 0; i < 5_000; i++) {
            KeyValue key = randomKey(random, i);
            byte[] bytes = ObjectDataType.serialize(key);
            KeyBytes.learn(key);
            KeyValue parsed = KeyBytes.parse(bytes);
            Object streamed = ObjectDataType.deserialize(bytes);
            assertThat(parsed).as("read back: %s", key).isEqualTo(streamed).isEqualTo(key);
            for (int v = 0; v < key.size(); v++) {
                assertThat(parsed.get(v)).isExactlyInstanceOf(key.get(v).getClass());
            }
        }
    }

    @Test
    void given_bytes_no_template_fits_exactly_when_read_then_they_are_left_to_the_stream() {
        String same = "agg-1";
        KeyValue plain = new KeyValue("agg-1", 7.0);
        KeyBytes.learn(plain);
        byte[] bytes = ObjectDataType.serialize(plain);
        assertThat(KeyBytes.parse(bytes)).isEqualTo(plain);

        // the second value a back reference to the first
        assertThat(KeyBytes.parse(ObjectDataType.serialize(new KeyValue(same, same)))).isNull();
        assertThat(KeyBytes.parse(ObjectDataType.serialize(new KeyValue(true)))).isNull();
        assertThat(KeyBytes.parse(ObjectDataType.serialize(new KeyValue("a", "b", "c", "d", "e")))).isNull();
        assertThat(KeyBytes.parse(Arrays.copyOf(bytes, bytes.length - 1))).isNull();
        assertThat(KeyBytes.parse(Arrays.copyOf(bytes, bytes.length + 1))).isNull();
        assertThat(KeyBytes.parse(new byte[0])).isNull();
        // "agg-1" is at a known place after the first part: break its modified UTF-8 there
        byte[] broken = bytes.clone();
        int at = indexOf(broken, "agg-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        broken[at + 2] = (byte) 0xFF;
        assertThat(KeyBytes.parse(broken)).isNull();
        broken[at + 2] = (byte) 0xC3; // the start of a two-byte char whose second byte is ASCII
        assertThat(KeyBytes.parse(broken)).isNull();
    }

    @Test
    void given_index_keys_written_to_a_page_when_the_index_type_reads_them_back_then_none_goes_through_an_object_input_stream() {
        IndexKeyType type = new IndexKeyType();
        List<KeyValue> keys = storeShapedKeys(new Random(11), 300);
        WriteBuffer page = new WriteBuffer();
        for (KeyValue key : keys) {
            type.write(page, key);
        }
        ByteBuffer read = page.getBuffer();
        read.flip();
        for (KeyValue key : keys) {
            assertThat(type.read(read)).isEqualTo(key);
        }
        assertThat(read.hasRemaining()).isFalse();
        assertThat(type.deserializations.sum()).isZero();
    }

    /** Per round a document id, an ObjectId _id and an (aggregate, sequence) key: the shapes the store's indexes hold. */
    private static List<KeyValue> storeShapedKeys(Random random, int rounds) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            keys.add(new KeyValue(randomString(random, random.nextInt(40))));
            keys.add(new KeyValue(new ObjectId(randomBytes(random))));
            keys.add(new KeyValue("agg-" + random.nextInt(5), (double) random.nextInt(100)));
        }
        return keys;
    }

    private static KeyValue randomKey(Random random, int i) {
        Object[] values = new Object[1 + random.nextInt(4)];
        for (int v = 0; v < values.length; v++) {
            values[v] = switch (random.nextInt(5)) {
                case 0 -> plainString(random, random.nextInt(i % 100 == 0 ? 3_000 : 40));
                case 1 -> new ObjectId(randomBytes(random));
                case 2 -> List.of(Double.NaN, -0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY, random.nextGaussian() * 1e9).get(random.nextInt(5));
                case 3 -> uncachedLong(random.nextLong() >> random.nextInt(64));
                default -> 1000 + random.nextInt(1_000_000);
            };
        }
        return new KeyValue(values);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** Long.valueOf shares the boxes of -128..127, and the same box twice in a key is left to the stream. */
    private static long uncachedLong(long v) {
        return v >= -128 && v <= 127 ? v + 1_000 : v;
    }

    /** A random string that does not look like a type signature (those are left to the stream). */
    private static String plainString(Random random, int length) {
        String s = randomString(random, length);
        return s.startsWith("[") || s.startsWith("L") ? "x" + s : s;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }

    private static final String CZECH = "ěščřžýáíéůúťďňĚŠČŘŽ";

    /** ASCII mostly, with NUL, Latin-1, Czech letters, three-byte chars and surrogate pairs (also broken ones). */
    private static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(switch (random.nextInt(8)) {
                case 0 -> (char) 0;
                case 1 -> (char) (0x80 + random.nextInt(0x780));
                case 2 -> CZECH.charAt(random.nextInt(CZECH.length()));
                case 3 -> (char) (0x800 + random.nextInt(0xF7FF));
                case 4 -> new String(Character.toChars(0x10000 + random.nextInt(0xFFFFF)));
                default -> (char) (0x20 + random.nextInt(0x5F));
            });
        }
        return sb.toString();
    }
}
