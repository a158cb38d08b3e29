package dev.sneakerqc.contract.qc;

import java.math.BigDecimal;
import java.util.List;

/** The AQL values (percent nonconforming) the Z1.4 single-sampling tables have columns for. */
public final class AcceptanceQualityLimits {

    public static final List<BigDecimal> TABLE_VALUES = List.of(
            new BigDecimal("0.065"), new BigDecimal("0.10"), new BigDecimal("0.15"), new BigDecimal("0.25"),
            new BigDecimal("0.40"), new BigDecimal("0.65"), new BigDecimal("1.0"), new BigDecimal("1.5"),
            new BigDecimal("2.5"), new BigDecimal("4.0"), new BigDecimal("6.5"), new BigDecimal("10"));

    private AcceptanceQualityLimits() {
    }

    /** Whether the value is one of the table's AQLs (compared by value, so 2.50 equals 2.5). */
    public static boolean isTableValue(BigDecimal aql) {
        return aql != null && TABLE_VALUES.stream().anyMatch(value -> value.compareTo(aql) == 0);
    }

    /** The table's AQLs as written, for error messages. */
    public static String allowedValues() {
        return String.join(", ", TABLE_VALUES.stream().map(BigDecimal::toPlainString).toList());
    }
}
