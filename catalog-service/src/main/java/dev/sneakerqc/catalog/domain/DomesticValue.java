package dev.sneakerqc.catalog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The domestic value of a pair: value of US-origin components and US labour over the total value.
 *
 * @param domesticCents value of US-origin lines
 * @param totalCents    value of all lines
 */
public record DomesticValue(long domesticCents, long totalCents) {

    /** Decimal places the share is stated with. */
    public static final int SHARE_SCALE = 4;

    public static DomesticValue of(List<BomLine> billOfMaterials) {
        long domestic = 0;
        long total = 0;
        for (BomLine line : billOfMaterials) {
            total = Math.addExact(total, line.unitValueCents());
            if (line.isDomestic()) {
                domestic = Math.addExact(domestic, line.unitValueCents());
            }
        }
        return new DomesticValue(domestic, total);
    }

    /**
     * The share, 0..1, truncated (never rounded up) to four places. Truncation keeps comparisons with a
     * threshold of at most four places exact: the share is at least 0.70 exactly when the true ratio is.
     */
    public BigDecimal share() {
        if (totalCents == 0) {
            return BigDecimal.ZERO.setScale(SHARE_SCALE);
        }
        return BigDecimal.valueOf(domesticCents).divide(BigDecimal.valueOf(totalCents), SHARE_SCALE, RoundingMode.DOWN);
    }

    /** Whether the true ratio is at least the threshold, compared exactly. */
    public boolean reaches(BigDecimal threshold) {
        return totalCents > 0
                && BigDecimal.valueOf(domesticCents).compareTo(threshold.multiply(BigDecimal.valueOf(totalCents))) >= 0;
    }
}
