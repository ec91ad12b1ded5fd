package cz.souhra.infra.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * CSV exports of the issue register and of measures with status: UTF-8 with a byte-order mark and
 * semicolons, because that is what Czech Excel opens correctly without an import wizard.
 * <p>
 * The text comes from users, so every cell is made safe to open (OWASP "CSV Injection"): a text that a
 * spreadsheet would take as a formula ({@code = + - @} or tab first) gets a leading single quote, control
 * characters (other than tab and newline, so CR too) and bidirectional overrides are removed, and every cell is quoted.
 */
@Component
class CsvExport {

    static final String[] ISSUE_COLUMNS = {"id", "kategorie", "název", "lokalita", "podal", "zjištěno", "stav", "opatření"};
    /** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (CR is removed before). */
    private static final String FORMULA_TRIGGERS = "=+-@\t";
    static final String[] MEASURE_COLUMNS = {"id", "název", "gestor", "termín", "stav", "plnění %", "po termínu", "orgán", "jednání"};

    byte[] issues(List<Document> issues, Map<String, String> institutions) {
        return write(ISSUE_COLUMNS, printer -> {
            for (Document d : issues) {
                record(printer, d.get("_id"), d.get("category"), d.get("title"), d.get("locality"),
                        institutions.getOrDefault(String.valueOf(d.get("raisedBy")), String.valueOf(d.get("raisedBy"))), d.get("observedOn"), d.get("status"),
                        String.join(" ", d.getList("measures", String.class, List.of())));
            }
        });
    }

    byte[] measures(List<Document> measures, Map<String, String> institutions) {
        return write(MEASURE_COLUMNS, printer -> {
            for (Document d : measures) {
                record(printer, d.get("_id"), d.get("title"), institutions.getOrDefault(String.valueOf(d.get("owner")), String.valueOf(d.get("owner"))),
                        d.get("dueDate"), d.get("status"), d.get("percent"), Boolean.TRUE.equals(d.get("overdue")) ? "ano" : "ne", d.get("bodyId"), d.get("meetingId"));
            }
        });
    }

    private static void record(CSVPrinter printer, Object... values) throws IOException {
        Object[] safe = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = values[i] instanceof Number || values[i] instanceof Boolean || values[i] == null ? values[i] : cell(String.valueOf(values[i]));
        }
        printer.printRecord(safe);
    }

    /**
     * The text of a cell as it is written: {@link #clean} text, with a leading single quote when a
     * spreadsheet would otherwise start a formula.
     */
    static String cell(String text) {
        String clean = clean(text);
        return !clean.isEmpty() && FORMULA_TRIGGERS.indexOf(clean.charAt(0)) >= 0 ? "'" + clean : clean;
    }

    /**
     * Text without control characters other than tab and newline and without bidirectional embeddings,
     * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a text read differently from what it
     * holds ("exe.pdf" shown for "fdp.exe"). Used by every export: CSV cells and calendar texts.
     */
    static String clean(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || !(Character.getType(c) == Character.CONTROL || isBidiControl(c)))
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static byte[] write(String[] header, Rows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.EXCEL.builder().setDelimiter(';').setHeader(header)
                    .setQuoteMode(QuoteMode.ALL_NON_NULL).get())) {
                rows.print(printer);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return out.toByteArray();
    }
}
