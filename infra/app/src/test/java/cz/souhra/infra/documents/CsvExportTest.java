package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The CSV exports read back the way a spreadsheet reads them (RFC 4180 quoting, semicolons, UTF-8 with a
 * byte-order mark): every cell is text that no spreadsheet takes as a formula, and it says what the user wrote.
 */
class CsvExportTest {

    private final CsvExport csv = new CsvExport();

    /** Titles as an attacker or a careless paste would enter them, and the text each cell must hold. */
    private static final Map<String, String> TITLES = new java.util.LinkedHashMap<>();

    static {
        TITLES.put("=HYPERLINK(\"http://evil.example\";\"klikni\")", "'=HYPERLINK(\"http://evil.example\";\"klikni\")");
        TITLES.put("+1", "'+1");
        TITLES.put("-2", "'-2");
        TITLES.put("@SUM(A1)", "'@SUM(A1)");
        TITLES.put("\tskrytý tabulátor", "'\tskrytý tabulátor");
        TITLES.put("\r=1+1", "'=1+1");
        TITLES.put("\u0000=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
        TITLES.put("Ubytovna \u202Egpj.exe\u202C v Doubí", "Ubytovna gpj.exe v Doubí");
        TITLES.put("\u2066=2+3\u2069", "'=2+3");
        TITLES.put("Řádek 1\nŘádek 2\u0007\u001B\u007F\u0085", "Řádek 1\nŘádek 2");
        TITLES.put("Napětí u ubytovny; \"U Nádraží\"", "Napětí u ubytovny; \"U Nádraží\"");
        TITLES.put("a=b+c", "a=b+c");
    }

    @Test
    void formula_triggers_controls_and_bidi_overrides_in_issue_titles_read_back_as_the_neutralised_text_only() throws Exception {
        List<Document> issues = new java.util.ArrayList<>();
        int n = 0;
        for (String title : TITLES.keySet()) {
            issues.add(new Document("_id", "ISS-" + n++).append("category", "DORMITORY_TENSIONS").append("title", title)
                    .append("locality", "=Liberec").append("raisedBy", "UPLB").append("observedOn", "2026-03-01").append("status", "OPEN"));
        }
        byte[] bytes = csv.issues(issues, Map.of("UPLB", "@Úřad práce"));

        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = parse(bytes);
        assertThat(rows).hasSize(TITLES.size());
        int i = 0;
        for (String expected : TITLES.values()) {
            assertThat(rows.get(i++).get("název")).isEqualTo(expected);
        }
        assertThat(rows.get(0).get("lokalita")).isEqualTo("'=Liberec");
        assertThat(rows.get(0).get("podal")).isEqualTo("'@Úřad práce");
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertThat(cell).as("cell %s", cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                        .doesNotStartWith("\t").doesNotStartWith("\r");
                assertThat(cell.codePoints().filter(c -> c != '\t' && c != '\n'
                        && (Character.getType(c) == Character.CONTROL || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))))
                        .as("control or bidi characters in %s", cell).isEmpty();
            }
        }
    }

    @Test
    void every_text_cell_is_quoted_so_that_the_neutralising_quote_is_inside_the_field() {
        byte[] bytes = csv.issues(List.of(new Document("_id", "ISS-1").append("title", "-2").append("status", "OPEN")), Map.of());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"ISS-1\";").contains(";\"'-2\";");
    }

    @Test
    void measure_numbers_stay_numbers_and_negative_looking_text_is_neutralised() throws Exception {
        List<Document> measures = List.of(new Document("_id", "MSR-1").append("title", "-10 % nákladů").append("owner", "UPLB")
                .append("dueDate", "2026-06-30").append("status", "IN_PROGRESS").append("percent", 40).append("overdue", true)
                .append("bodyId", "B1").append("meetingId", "M1"));
        List<CSVRecord> rows = parse(csv.measures(measures, Map.of("UPLB", "Úřad práce")));
        assertThat(rows.get(0).get("název")).isEqualTo("'-10 % nákladů");
        assertThat(rows.get(0).get("plnění %")).isEqualTo("40");
        assertThat(rows.get(0).get("po termínu")).isEqualTo("ano");
        assertThat(rows.get(0).get("termín")).isEqualTo("2026-06-30");
    }

    private static List<CSVRecord> parse(byte[] bytes) throws java.io.IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.charAt(0)).isEqualTo('\uFEFF');
        return CSVFormat.EXCEL.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
    }
}
