package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;

class OneStringKeyTest {

    @Test
    void given_this_mongo_java_server_and_jdk_when_the_class_loads_then_the_fast_path_is_on() {
        assertThat(OneStringKey.enabled()).isTrue();
        assertThat(OneStringKey.bytes(new KeyValue("m-1"))).isNotNull();
    }

    @Test
    void given_random_one_string_keys_when_built_without_a_stream_then_the_bytes_are_h2s_java_serialization() {
        Random random = new Random(20261203);
        List<String> strings = new ArrayList<>(List.of("", "\u0000", "Ljava/util/Lis", "java/util/List;", UUID.randomUUID().toString()));
        for (int i = 0; i < 5_000; i++) {
            strings.add(randomString(random, random.nextInt(i % 100 == 0 ? 3_000 : 80)));
        }
        int fast = 0;
        for (String s : strings) {
            KeyValue key = new KeyValue(s);
            byte[] built = OneStringKey.bytes(key);
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

        assertThat(OneStringKey.bytes(new KeyValue(signature))).isNull();
        assertThat(OneStringKey.bytes(new KeyValue("[Ljava/lang/Object;"))).isNull();
        assertThat(OneStringKey.bytes(new KeyValue(tooLong))).isNull();
        assertThat(OneStringKey.bytes(new KeyValue("agg-1", 7L))).isNull();
        assertThat(OneStringKey.bytes(new KeyValue(42L))).isNull();
        // What the slow path then writes for the interned signature is a back reference, not the string:
        // the reason for leaving such strings alone.
        assertThat(ObjectDataType.serialize(new KeyValue(signature)).length)
                .isLessThan(ObjectDataType.serialize(new KeyValue("Ljava/util/Lisx")).length);
    }

    @Test
    void given_one_string_keys_when_the_index_type_compares_them_then_no_key_is_serialized_through_a_stream_and_the_order_is_h2s() {
        IndexKeyType type = new IndexKeyType();
        ObjectDataType h2 = new ObjectDataType();
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(randomString(random, random.nextInt(40))));
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(type.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
        assertThat(type.serializations.sum()).isZero();
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
