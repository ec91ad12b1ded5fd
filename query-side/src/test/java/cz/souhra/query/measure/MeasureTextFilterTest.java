package cz.souhra.query.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;

/** {@code /api/measures?q=}: text in a measure's title, description, basis or last note, in any case and without diacritics. */
class MeasureTextFilterTest {

    final QueryFixture f = Scenario.loaded();

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> titles(String q) {
        return f.measureQueries.list(new MeasureQueries.ListMeasures(Viewer.EVERYTHING, null, null, null, null, null, null, 0, 50, null, q))
                .items().stream().map(MeasureView::title).toList();
    }

    @Test
    void the_text_filter_finds_title_words_without_diacritics_and_in_any_case() {
        assertThat(titles("AGENTURNI")).containsExactly("Zmapovat agenturní ubytovny");
        assertThat(titles("hlídky")).containsExactly("Hlídky");
        assertThat(titles("zmapováno 12")).as("the last progress note").containsExactly("Zmapovat agenturní ubytovny");
        assertThat(titles("hotel")).isEmpty();
        assertThat(titles(null)).hasSize(2);
    }
}
