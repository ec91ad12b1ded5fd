package cz.souhra.infra.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * CSV exports of the issue register and of measures with status: UTF-8 with a byte-order mark and
 * semicolons, because that is what Czech Excel opens correctly without an import wizard.
 */
@Component
class CsvExport {

    static final String[] ISSUE_COLUMNS = {"id", "kategorie", "název", "lokalita", "podal", "zjištěno", "stav", "opatření"};
    static final String[] MEASURE_COLUMNS = {"id", "název", "gestor", "termín", "stav", "plnění %", "po termínu", "orgán", "jednání"};

    byte[] issues(List<Document> issues, Map<String, String> institutions) {
        return write(ISSUE_COLUMNS, printer -> {
            for (Document d : issues) {
                printer.printRecord(d.get("_id"), d.get("category"), d.get("title"), d.get("locality"),
                        institutions.getOrDefault(String.valueOf(d.get("raisedBy")), String.valueOf(d.get("raisedBy"))), d.get("observedOn"), d.get("status"),
                        String.join(" ", d.getList("measures", String.class, List.of())));
            }
        });
    }

    byte[] measures(List<Document> measures, Map<String, String> institutions) {
        return write(MEASURE_COLUMNS, printer -> {
            for (Document d : measures) {
                printer.printRecord(d.get("_id"), d.get("title"), institutions.getOrDefault(String.valueOf(d.get("owner")), String.valueOf(d.get("owner"))),
                        d.get("dueDate"), d.get("status"), d.get("percent"), Boolean.TRUE.equals(d.get("overdue")) ? "ano" : "ne", d.get("bodyId"), d.get("meetingId"));
            }
        });
    }

    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static byte[] write(String[] header, Rows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.EXCEL.builder().setDelimiter(';').setHeader(header).get())) {
                rows.print(printer);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return out.toByteArray();
    }
}
