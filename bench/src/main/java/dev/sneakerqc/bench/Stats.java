package dev.sneakerqc.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and range of a figure's runs. */
public record Stats(double median, double min, double max, int runs) {

    /** The median (the mean of the two middle values for an even count), minimum and maximum of {@code values}. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.getFirst(), sorted.getLast(), n);
    }
}
