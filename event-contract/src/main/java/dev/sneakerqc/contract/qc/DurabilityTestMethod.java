package dev.sneakerqc.contract.qc;

import java.math.BigDecimal;
import java.util.List;

/**
 * The durability tests the QC lab runs, one measurement per sampled pair per method, with the unit the
 * value is recorded in and the range a measurement can physically take.
 */
public enum DurabilityTestMethod {
    OUTSOLE_FLEX("ISO 20344 §8.4", "cut growth after 30,000 flexes over a 15 mm mandrel", "mm", "0", null),
    WHOLE_SHOE_FLEX("IS 15844", "flex cycles reached without crack", "cycles", "0", null),
    OUTSOLE_ABRASION("ISO 4649 method A", "relative volume loss", "mm³", "0", null, "mm3"),
    SOLE_BOND("ISO 17708", "upper-sole adhesion", "N/mm", "0", null),
    HEAT_WELD_PEEL("SATRA TM401", "peel strength of welded overlays", "N/mm", "0", null),
    UPPER_ABRASION("SATRA TM31 (Martindale)", "rubs without a hole", "cycles", "0", null),
    RUB_FASTNESS("ISO 20433", "colour transfer, grey-scale grade", "grade", "1", "5"),
    MIDSOLE_COMPRESSION_SET("ASTM D395-style", "permanent set of the foam", "%", "0", "100"),
    SHOCK_ATTENUATION("ASTM F1976", "peak deceleration", "g", "0", null);

    private final String standard;
    private final String measures;
    private final String unit;
    private final BigDecimal lowestPossible;
    private final BigDecimal highestPossible;
    private final List<String> unitAliases;

    DurabilityTestMethod(String standard, String measures, String unit, String lowestPossible,
                         String highestPossible, String... unitAliases) {
        this.standard = standard;
        this.measures = measures;
        this.unit = unit;
        this.lowestPossible = new BigDecimal(lowestPossible);
        this.highestPossible = highestPossible == null ? null : new BigDecimal(highestPossible);
        this.unitAliases = List.of(unitAliases);
    }

    public String standard() {
        return standard;
    }

    public String measures() {
        return measures;
    }

    /** The unit values of this method are recorded in. */
    public String unit() {
        return unit;
    }

    /** Whether the given unit spelling means this method's unit. */
    public boolean acceptsUnit(String candidate) {
        return unit.equals(candidate) || unitAliases.contains(candidate);
    }

    /** The lowest value a measurement can take. */
    public BigDecimal lowestPossible() {
        return lowestPossible;
    }

    /** The highest value a measurement can take, null when unbounded. */
    public BigDecimal highestPossible() {
        return highestPossible;
    }

    /** Whether a value lies in the range a measurement of this method can take. */
    public boolean isPossible(BigDecimal value) {
        return value.compareTo(lowestPossible) >= 0
                && (highestPossible == null || value.compareTo(highestPossible) <= 0);
    }
}
