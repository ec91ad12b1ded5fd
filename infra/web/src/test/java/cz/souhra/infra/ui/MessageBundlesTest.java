package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The UI's texts: both languages complete, Czech really Czech, plural forms by the language's rules. */
class MessageBundlesTest {

    /** Values that are the same word in both languages: names, codes and loanwords Czech uses as they are. */
    static final Set<String> SAME_IN_BOTH = Set.of("dashboard.audit", "role.AUDITOR", "guide.auditor");

    static Map<String, String> bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty, (a, b) -> a, TreeMap::new));
    }

    @Test
    void no_bundle_defines_a_key_twice_where_the_later_text_would_silently_replace_the_earlier() throws IOException {
        for (String name : new String[] {"messages.properties", "messages_cs.properties", "messages_en.properties",
                "problems.properties", "problems_cs.properties", "problems_en.properties"}) {
            Map<String, Integer> seen = new TreeMap<>();
            try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
                new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" ") && l.contains("="))
                        .forEach(l -> seen.merge(l.substring(0, l.indexOf('=')).strip(), 1, Integer::sum));
            }
            assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList()).as(name).isEmpty();
        }
    }

    @Test
    void czech_english_and_the_base_bundle_have_the_same_keys_and_the_base_is_czech() throws IOException {
        Map<String, String> base = bundle("messages.properties");
        Map<String, String> cs = bundle("messages_cs.properties");
        Map<String, String> en = bundle("messages_en.properties");
        assertThat(cs.keySet()).isEqualTo(en.keySet());
        assertThat(base).isEqualTo(cs);
    }

    @Test
    void no_czech_value_is_the_english_one_except_words_both_languages_share() throws IOException {
        Map<String, String> cs = bundle("messages_cs.properties");
        Map<String, String> en = bundle("messages_en.properties");
        Map<String, String> same = new TreeMap<>();
        cs.forEach((k, v) -> {
            if (v.equals(en.get(k)) && !SAME_IN_BOTH.contains(k) && v.chars().anyMatch(Character::isLetter)) {
                same.put(k, v);
            }
        });
        assertThat(same).as("Czech values equal to the English ones").isEmpty();
    }

    @Test
    void czech_counts_take_the_one_the_two_to_four_and_the_five_and_more_form() throws IOException {
        Map<String, String> cs = bundle("messages_cs.properties");
        Locale czech = Locale.forLanguageTag("cs");
        assertThat(new MessageFormat(cs.get("dashboard.open"), czech).format(new Object[] {1})).isEqualTo("otevřené opatření");
        assertThat(new MessageFormat(cs.get("dashboard.open"), czech).format(new Object[] {3})).isEqualTo("otevřená opatření");
        assertThat(new MessageFormat(cs.get("dashboard.open"), czech).format(new Object[] {5})).isEqualTo("otevřených opatření");
        assertThat(new MessageFormat(cs.get("dashboard.completed"), czech).format(new Object[] {1L})).isEqualTo("splněné");
        assertThat(new MessageFormat(cs.get("dashboard.completed"), czech).format(new Object[] {2L})).isEqualTo("splněná");
        assertThat(new MessageFormat(cs.get("dashboard.completed"), czech).format(new Object[] {0L})).isEqualTo("splněných");
        assertThat(new MessageFormat(cs.get("body.membersCount"), czech).format(new Object[] {1})).isEqualTo("1 člen");
        assertThat(new MessageFormat(cs.get("body.membersCount"), czech).format(new Object[] {3})).isEqualTo("3 členové");
        assertThat(new MessageFormat(cs.get("body.membersCount"), czech).format(new Object[] {12})).isEqualTo("12 členů");
        Map<String, String> en = bundle("messages_en.properties");
        assertThat(new MessageFormat(en.get("body.membersCount"), Locale.ENGLISH).format(new Object[] {1})).isEqualTo("1 member");
        assertThat(new MessageFormat(en.get("body.membersCount"), Locale.ENGLISH).format(new Object[] {2})).isEqualTo("2 members");
    }

    @Test
    void the_ledger_has_one_name_and_a_substitute_one_wording_as_in_the_glossary() throws IOException {
        Map<String, String> cs = bundle("messages_cs.properties");
        assertThat(cs.values()).noneMatch(v -> v.contains("kniha událostí") || v.contains("knihy událostí") || v.matches("(?i).*\\bkniha\\b(?! záznamů).*"));
        assertThat(cs.get("attendance.SUBSTITUTE")).isEqualTo("zastoupen");
        // the substitute's status is "zastoupen" everywhere; "náhradník: …" names the person (DESIGN.md §1)
        assertThat(cs.values()).noneMatch(v -> v.equals("Nic.") || v.contains("přítomen náhradník"));
    }
}
