package dev.sneakerqc.bench;

/**
 * A figure's target: at least or at most a value, in the figure's unit.
 *
 * @param atLeast {@code true} for "≥ value", {@code false} for "≤ value"
 * @param value   the threshold
 */
public record Target(boolean atLeast, double value) {

    public static Target atLeast(double value) {
        return new Target(true, value);
    }

    public static Target atMost(double value) {
        return new Target(false, value);
    }

    public boolean metBy(double measured) {
        return atLeast ? measured >= value : measured <= value;
    }

    public String text(String unit) {
        return (atLeast ? "≥ " : "≤ ") + Figure.format(value, unit);
    }
}
