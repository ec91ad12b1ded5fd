package cz.souhra.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in milliseconds, added from any thread, and their percentiles. */
final class Latencies {
    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void add(double ms) {
        millis.add(ms);
    }

    List<Double> values() {
        synchronized (millis) {
            return new ArrayList<>(millis);
        }
    }

    int size() {
        return millis.size();
    }

    double p(double percentile) {
        List<Double> copy = values();
        if (copy.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(copy);
        return copy.get(Math.min(copy.size() - 1, (int) Math.ceil(percentile / 100 * copy.size()) - 1 < 0 ? 0
                : (int) Math.ceil(percentile / 100 * copy.size()) - 1));
    }

    /** The q-quantile of {@code values} (0.5: their median), interpolated between neighbours. */
    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double at = q * (sorted.size() - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.size() - 1, below + 1);
        return sorted.get(below) + (at - below) * (sorted.get(above) - sorted.get(below));
    }
}
