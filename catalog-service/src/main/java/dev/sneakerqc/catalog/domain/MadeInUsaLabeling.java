package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decides whether a batch may carry a "Made in USA" label.
 *
 * <ul>
 *   <li>{@link LabelPolicy#NB_70}: made in a US factory and a domestic value share of at least 0.70.</li>
 *   <li>{@link LabelPolicy#FTC_ALL_OR_VIRTUALLY_ALL}: made in a US factory, every significant component of US
 *   origin, and a domestic value share of at least 0.98. A bill-of-materials line is significant when its value
 *   is at least {@code significantComponentShare} of the pair's total.</li>
 * </ul>
 */
public final class MadeInUsaLabeling {

    private final LabelPolicy policy;
    private final BigDecimal significantComponentShare;

    public MadeInUsaLabeling(LabelPolicy policy, BigDecimal significantComponentShare) {
        this.policy = policy;
        this.significantComponentShare = significantComponentShare;
    }

    public LabelPolicy policy() {
        return policy;
    }

    public LabelDecision decide(Factory factory, SneakerModel model) {
        DomesticValue value = model.domesticValue();
        BigDecimal share = value.share();
        BigDecimal threshold = policy.minimumDomesticValueShare();
        String shareText = share.toPlainString();
        String thresholdText = threshold.toPlainString();
        if (!factory.isInUnitedStates()) {
            return notEligible(share, "factory " + factory.code() + " is in " + factory.country()
                    + ", not in the US");
        }
        if (!value.reaches(threshold)) {
            return notEligible(share, "domestic value share " + shareText + " is below " + thresholdText);
        }
        if (policy == LabelPolicy.FTC_ALL_OR_VIRTUALLY_ALL) {
            Optional<BomLine> foreign = firstSignificantForeignLine(model, value);
            if (foreign.isPresent()) {
                BomLine line = foreign.get();
                return notEligible(share, "significant component " + line.component() + " (" + line.material()
                        + ") is of " + line.originCountry() + " origin");
            }
        }
        return new LabelDecision(LabelStatus.MADE_IN_USA, policy, share, "factory " + factory.code()
                + " is in the US and domestic value share " + shareText + " is at least " + thresholdText
                + (policy == LabelPolicy.FTC_ALL_OR_VIRTUALLY_ALL ? ", every significant component of US origin" : "")
                + " (" + policy + ")");
    }

    private Optional<BomLine> firstSignificantForeignLine(SneakerModel model, DomesticValue value) {
        BigDecimal significantCents = significantComponentShare.multiply(BigDecimal.valueOf(value.totalCents()));
        return model.billOfMaterials().stream()
                .filter(line -> !line.isDomestic())
                .filter(line -> BigDecimal.valueOf(line.unitValueCents()).compareTo(significantCents) >= 0)
                .findFirst();
    }

    private LabelDecision notEligible(BigDecimal share, String why) {
        return new LabelDecision(LabelStatus.NOT_ELIGIBLE, policy, share, why + " (" + policy + ")");
    }
}
