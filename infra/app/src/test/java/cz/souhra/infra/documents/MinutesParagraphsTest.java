package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinutesParagraphsTest {

    @Test
    void the_minutes_keep_their_paragraphs_and_line_breaks_in_the_pdf() {
        assertThat(MinutesPdf.paragraphs("Přítomni: KULK, UPLB\nOmluveni: MMLB\n\nBod 1 projednán.\r\n\r\n\r\nKonec."))
                .isEqualTo("<p>Přítomni: KULK, UPLB<br/>Omluveni: MMLB</p><p>Bod 1 projednán.</p><p>Konec.</p>");
    }

    @Test
    void typed_markup_stays_text() {
        assertThat(MinutesPdf.paragraphs("<b>tučně</b> & dál")).isEqualTo("<p>&lt;b&gt;tučně&lt;/b&gt; &amp; dál</p>");
    }
}
