package dev.sneakerqc.contract.production;

import java.math.BigDecimal;

/** The rule deciding the "Made in USA" label. */
public enum LabelPolicy {
    /** Company policy: US factory and at least 70 % domestic value. */
    NB_70(new BigDecimal("0.70")),
    /**
     * The FTC standard (16 CFR 323): US factory, every significant component of US origin, and at least 98 %
     * domestic value ("all or virtually all").
     */
    FTC_ALL_OR_VIRTUALLY_ALL(new BigDecimal("0.98"));

    private final BigDecimal minimumDomesticValueShare;

    LabelPolicy(BigDecimal minimumDomesticValueShare) {
        this.minimumDomesticValueShare = minimumDomesticValueShare;
    }

    public BigDecimal minimumDomesticValueShare() {
        return minimumDomesticValueShare;
    }
}
