package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextMatchTest {

    @Test
    void a_query_typed_without_accents_or_in_another_case_finds_the_accented_text() {
        assertThat(TextMatch.contains("Přeplněná ubytovna v Doubí", "doubi")).isTrue();
        assertThat(TextMatch.contains("Přeplněná ubytovna v Doubí", "DOUBÍ")).isTrue();
        assertThat(TextMatch.contains("Přeplněná ubytovna v Doubí", "preplnena")).isTrue();
        assertThat(TextMatch.contains("Přeplněná ubytovna v Doubí", "Vratislavice")).isFalse();
    }

    @Test
    void no_query_matches_everything_and_no_text_matches_no_query() {
        assertThat(TextMatch.contains("cokoli", null)).isTrue();
        assertThat(TextMatch.contains(null, "x")).isFalse();
        assertThat(TextMatch.fold("Žluťoučký kůň")).isEqualTo("zlutoucky kun");
    }
}
