package cz.souhra.bench;

import java.util.ArrayList;
import java.util.List;

/** The figure table: each row is printed as it is measured and kept for the table a suite prints at its end. */
final class Rows {
    private Rows() {}

    private static final List<String> ROWS = new ArrayList<>();

    /** A row of the four columns, {@code values} filling the format specifiers of all four in order. */
    static void row(String figure, String souhra, String baseline, String ratio, Object... values) {
        add(String.format("| " + figure + " | " + souhra + " | " + baseline + " | " + ratio + " |", values));
    }

    static void add(String row) {
        ROWS.add(row);
        System.out.println(row);
    }

    static List<String> all() {
        return List.copyOf(ROWS);
    }

    /** A blank line, the header and {@code rows}. */
    static void printTable(List<String> rows) {
        System.out.println();
        System.out.println("| figure | Souhra | baseline (same run) | ratio / goal |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
    }
}
