package dev.sneakerqc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One figure of the report: the value of each run, in {@code unit}, and its target if the issue sets one.
 * A figure whose measurement failed keeps the reason instead of values.
 */
public final class Figure {

    private final String id;
    private final String label;
    private final String unit;
    private final Target target;
    private final List<Double> runs = new ArrayList<>();
    private String note;
    private String failure;
    private String skipped;

    public Figure(String id, String label, String unit, Target target) {
        this.id = id;
        this.label = label;
        this.unit = unit;
        this.target = target;
    }

    public Figure add(double value) {
        runs.add(value);
        return this;
    }

    public Figure note(String note) {
        this.note = note;
        return this;
    }

    public Figure fail(String reason) {
        this.failure = reason;
        return this;
    }

    /** Not measured in this run, for a reason that is not a failure (e.g. services the suite cannot restart). */
    public Figure skip(String reason) {
        this.skipped = reason;
        return this;
    }

    public String skipped() {
        return skipped;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Target target() {
        return target;
    }

    public List<Double> runs() {
        return List.copyOf(runs);
    }

    public String note() {
        return note;
    }

    public String failure() {
        return failure;
    }

    public boolean hasValues() {
        return !runs.isEmpty();
    }

    public Stats stats() {
        return Stats.of(runs);
    }

    /** {@code null} without a target or values; else whether the median meets it. */
    public Boolean met() {
        if (target == null || runs.isEmpty() || failure != null) {
            return null;
        }
        return target.metBy(stats().median());
    }

    /** A value in its unit, with as many digits as make sense. */
    public static String format(double value, String unit) {
        return format(value, unit, 0);
    }

    /**
     * {@code value} as {@link #format(double, String)} does, with more decimals where that would print it as the
     * target's own value (a ratio of 0.398 shown as "0.40" beside "≥ 0.40" and "NO").
     */
    public static String format(double value, String unit, Target target) {
        if (target == null || value == target.value()) {
            return format(value, unit);
        }
        String text = format(value, unit);
        for (int more = 1; more <= 3 && text.equals(format(target.value(), unit, more - 1)); more++) {
            text = format(value, unit, more);
        }
        return text;
    }

    private static String format(double value, String unit, int moreDecimals) {
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
        String number = String.format(Locale.ROOT, magnitude >= 1000 ? "%,." + moreDecimals + "f"
                : "%." + (decimals + moreDecimals) + "f", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
