package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ModelCategory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MadeInUsaLabelingTest {

    private static final Factory SKOWHEGAN = new Factory("SKO", "Skowhegan", "Skowhegan", "ME", "US", Instant.EPOCH);
    private static final Factory VIETNAM = new Factory("VN1", "Binh Duong", "Thu Dau Mot", "BD", "VN", Instant.EPOCH);

    private final MadeInUsaLabeling nb70 = new MadeInUsaLabeling(LabelPolicy.NB_70, new BigDecimal("0.01"));
    private final MadeInUsaLabeling ftc =
            new MadeInUsaLabeling(LabelPolicy.FTC_ALL_OR_VIRTUALLY_ALL, new BigDecimal("0.01"));

    /** A model worth {@code total} cents of which {@code domestic} are of US origin. */
    private static SneakerModel model(long domestic, long total) {
        return new SneakerModel("M990", "990v6", "990", ModelCategory.RUNNING, List.of(
                new BomLine(Component.UPPER, "suede", "US", domestic),
                new BomLine(Component.OUTSOLE, "rubber", "IT", total - domestic)), Instant.EPOCH);
    }

    @Test
    void nb70IsEligibleFromExactlySeventyPercent() {
        LabelDecision at699 = nb70.decide(SKOWHEGAN, model(699, 1000));
        assertThat(at699.status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
        assertThat(at699.domesticValueShare()).isEqualByComparingTo("0.699");
        assertThat(at699.reason()).contains("0.6990 is below 0.70");

        LabelDecision at700 = nb70.decide(SKOWHEGAN, model(700, 1000));
        assertThat(at700.status()).isEqualTo(LabelStatus.MADE_IN_USA);
        assertThat(at700.domesticValueShare()).isEqualByComparingTo("0.700");
        assertThat(at700.reason()).contains("0.7000 is at least 0.70");
    }

    @Test
    void aShareJustBelowTheThresholdIsNeverRoundedUp() {
        // 69,999 / 100,000 = 0.69999: four places would round to 0.7000.
        LabelDecision decision = nb70.decide(SKOWHEGAN, model(69_999, 100_000));
        assertThat(decision.status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
        assertThat(decision.domesticValueShare()).isEqualByComparingTo("0.6999");
    }

    @Test
    void aFactoryOutsideTheUsIsNeverEligible() {
        LabelDecision decision = nb70.decide(VIETNAM, model(1000, 1000));
        assertThat(decision.status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
        assertThat(decision.reason()).contains("VN1 is in VN");
    }

    @Test
    void ftcNeedsNinetyEightPercentAndEverySignificantComponentFromTheUs() {
        assertThat(ftc.decide(SKOWHEGAN, model(979, 1000)).status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
        // 2 % foreign rubber is a significant component (>= 1 % of the value).
        LabelDecision significantForeign = ftc.decide(SKOWHEGAN, model(980, 1000));
        assertThat(significantForeign.status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
        assertThat(significantForeign.reason()).contains("OUTSOLE").contains("IT origin");
        // Foreign eyelets worth 0.5 % are not significant.
        SneakerModel negligible = new SneakerModel("M992", "992", "992", ModelCategory.RUNNING, List.of(
                new BomLine(Component.UPPER, "suede", "US", 995),
                new BomLine(Component.EYELETS, "brass", "TW", 5)), Instant.EPOCH);
        LabelDecision decision = ftc.decide(SKOWHEGAN, negligible);
        assertThat(decision.status()).isEqualTo(LabelStatus.MADE_IN_USA);
        assertThat(decision.policy()).isEqualTo(LabelPolicy.FTC_ALL_OR_VIRTUALLY_ALL);
    }

    @Test
    void aModelOfNoValueIsNotEligible() {
        assertThat(nb70.decide(SKOWHEGAN, model(0, 0)).status()).isEqualTo(LabelStatus.NOT_ELIGIBLE);
    }
}
