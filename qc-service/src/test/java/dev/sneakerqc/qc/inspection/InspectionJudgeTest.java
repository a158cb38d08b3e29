package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.qc.sampling.SamplingPlanner;
import dev.sneakerqc.qc.sampling.Z14Tables;
import dev.sneakerqc.qc.support.QcFixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InspectionJudgeTest {

    private static final QcProfile PROFILE = QcFixtures.footwearProfile("M990", 1);
    private final InspectionPlanner planner = new InspectionPlanner(new SamplingPlanner(Z14Tables.fromClasspath()));
    private final Map<DefectClass, InspectionSeverity> normal =
            Map.of(DefectClass.MAJOR, InspectionSeverity.NORMAL, DefectClass.MINOR, InspectionSeverity.NORMAL);

    @Test
    void plansFollowTheProfileAndTheLot() {
        // Lot 1200 at S-3 is code letter E. MAJOR 2.5 normal: E's cell points down to F (n 20, 1/2);
        // MINOR 4.0: E (n 13, 1/2). CRITICAL covers every sampled pair, 1..20.
        Map<DefectClass, ClassPlan> plans = planner.plans(1200, PROFILE, normal);
        assertThat(plans.get(DefectClass.MAJOR)).isEqualTo(new ClassPlan(InspectionSeverity.NORMAL,
                new BigDecimal("2.5"), "E", 20, 1, 2, false, 20));
        assertThat(plans.get(DefectClass.MINOR)).isEqualTo(new ClassPlan(InspectionSeverity.NORMAL,
                new BigDecimal("4.0"), "E", 13, 1, 2, false, 13));
        assertThat(plans.get(DefectClass.CRITICAL)).isEqualTo(new ClassPlan(null, null, null, 20, 0, 1, false, 20));
        // A lot of 3 is smaller than every sample: all 3 pairs are inspected.
        Map<DefectClass, ClassPlan> tiny = planner.plans(3, PROFILE, normal);
        assertThat(tiny.get(DefectClass.MAJOR).pairs()).isEqualTo(3);
        assertThat(tiny.get(DefectClass.MAJOR).inspectAll()).isTrue();
        assertThat(InspectionPlanner.samplePairs(tiny)).isEqualTo(3);
    }

    @Test
    void aClassRejectsAsSoonAsItsCountReachesRe() {
        Map<DefectClass, ClassPlan> plans = planner.plans(1200, PROFILE, normal);
        List<InspectionJudge.Result> results = new ArrayList<>();
        results.add(new InspectionJudge.Result(1, DurabilityTestMethod.OUTSOLE_FLEX, DefectClass.MAJOR, false));
        InspectionJudge.Judgement one = InspectionJudge.judge(PROFILE, plans, results);
        assertThat(one.classes().get(DefectClass.MAJOR).decision()).isEqualTo(ClassDecision.PENDING);
        assertThat(one.verdict()).isEmpty();
        // A second failing test on the same pair does not make it two nonconforming pairs.
        results.add(new InspectionJudge.Result(1, DurabilityTestMethod.OUTSOLE_ABRASION, DefectClass.MAJOR, false));
        assertThat(InspectionJudge.judge(PROFILE, plans, results).classes().get(DefectClass.MAJOR).nonconforming())
                .isEqualTo(1);
        results.add(new InspectionJudge.Result(2, DurabilityTestMethod.OUTSOLE_ABRASION, DefectClass.MAJOR, false));
        InspectionJudge.Judgement two = InspectionJudge.judge(PROFILE, plans, results);
        assertThat(two.classes().get(DefectClass.MAJOR).decision()).isEqualTo(ClassDecision.REJECTED);
        assertThat(two.verdict()).contains(Verdict.REJECTED);
    }

    @Test
    void anyCriticalFailureRejects() {
        Map<DefectClass, ClassPlan> plans = planner.plans(1200, PROFILE, normal);
        InspectionJudge.Judgement judgement = InspectionJudge.judge(PROFILE, plans, List.of(
                new InspectionJudge.Result(7, DurabilityTestMethod.SOLE_BOND, DefectClass.CRITICAL, false)));
        assertThat(judgement.verdict()).contains(Verdict.REJECTED);
    }

    @Test
    void everyClassAcceptsWhenAllItsTestsAreRecordedWithinAc() {
        Map<DefectClass, ClassPlan> plans = planner.plans(1200, PROFILE, normal);
        List<InspectionJudge.Result> results = new ArrayList<>();
        for (QcProfile.QcTest test : PROFILE.tests()) {
            for (int pair = 1; pair <= plans.get(test.defectClass()).pairs(); pair++) {
                boolean fails = test.method() == DurabilityTestMethod.OUTSOLE_FLEX && pair == 4;
                results.add(new InspectionJudge.Result(pair, test.method(), test.defectClass(), !fails));
            }
        }
        InspectionJudge.Judgement judgement = InspectionJudge.judge(PROFILE, plans, results);
        // CRITICAL 1 test x 20 pairs, MAJOR 2 x 20, MINOR 1 x 13.
        assertThat(judgement.testsRequired()).isEqualTo(20 + 40 + 13);
        assertThat(judgement.testsRecorded()).isEqualTo(20 + 40 + 13);
        assertThat(judgement.classes().get(DefectClass.MAJOR).nonconforming()).isEqualTo(1);
        assertThat(judgement.verdict()).contains(Verdict.ACCEPTED);
        assertThat(judgement.classes().get(DefectClass.MAJOR).acceptedInReducedGap()).isFalse();
        // Without the last result the verdict waits.
        assertThat(InspectionJudge.judge(PROFILE, plans, results.subList(0, results.size() - 1)).verdict()).isEmpty();
    }

    @Test
    void aReducedPlanAcceptsInTheGapAndSaysSo() {
        QcProfile profile = QcFixtures.majorOnlyProfile("M1", InspectionLevel.II, "2.5", "4.0");
        Map<DefectClass, ClassPlan> plans = planner.plans(1000, profile,
                Map.of(DefectClass.MAJOR, InspectionSeverity.REDUCED, DefectClass.MINOR, InspectionSeverity.NORMAL));
        ClassPlan major = plans.get(DefectClass.MAJOR);
        assertThat(major.acceptNumber()).isEqualTo(2);
        assertThat(major.rejectNumber()).isEqualTo(5);
        List<InspectionJudge.Result> results = new ArrayList<>();
        for (int pair = 1; pair <= major.pairs(); pair++) {
            results.add(new InspectionJudge.Result(pair, DurabilityTestMethod.OUTSOLE_FLEX, DefectClass.MAJOR, pair > 3));
        }
        InspectionJudge.Judgement judgement = InspectionJudge.judge(profile, plans, results);
        assertThat(judgement.classes().get(DefectClass.MAJOR).nonconforming()).isEqualTo(3);
        assertThat(judgement.classes().get(DefectClass.MAJOR).decision()).isEqualTo(ClassDecision.ACCEPTED);
        assertThat(judgement.classes().get(DefectClass.MAJOR).acceptedInReducedGap()).isTrue();
        assertThat(judgement.verdict()).contains(Verdict.ACCEPTED);
    }
}
