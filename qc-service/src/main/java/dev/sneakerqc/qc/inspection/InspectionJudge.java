package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.Verdict;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges an inspection from its results. A sample pair is nonconforming for a class when any test of that class
 * failed on it. A class is REJECTED as soon as its nonconforming count reaches Re, ACCEPTED once every test of
 * the class is recorded on every one of its pairs with the count below Re, PENDING otherwise. The batch is
 * REJECTED when any class is, ACCEPTED when every class is.
 */
public final class InspectionJudge {

    /**
     * A recorded result, as far as judging goes.
     *
     * @param sampleUnit  the pair
     * @param method      the test method
     * @param defectClass its class
     * @param passed      whether it passed
     */
    public record Result(int sampleUnit, DurabilityTestMethod method, DefectClass defectClass, boolean passed) {
    }

    /**
     * Where a class stands.
     *
     * @param plan           the class's plan
     * @param testsRequired  tests of the class times its pairs
     * @param testsRecorded  of those, recorded
     * @param nonconforming  pairs nonconforming for the class
     * @param decision       PENDING, ACCEPTED or REJECTED
     */
    public record ClassTally(ClassPlan plan, int testsRequired, int testsRecorded, int nonconforming,
                             ClassDecision decision) {

        /** Accepted with a count above Ac: only possible on reduced plans, and it switches back to normal. */
        public boolean acceptedInReducedGap() {
            return decision == ClassDecision.ACCEPTED && nonconforming > plan.acceptNumber();
        }
    }

    /**
     * The judgement.
     *
     * @param classes each class's tally
     * @param verdict the verdict once there is one
     */
    public record Judgement(Map<DefectClass, ClassTally> classes, Optional<Verdict> verdict) {

        public int testsRequired() {
            return classes.values().stream().mapToInt(ClassTally::testsRequired).sum();
        }

        public int testsRecorded() {
            return classes.values().stream().mapToInt(ClassTally::testsRecorded).sum();
        }
    }

    private InspectionJudge() {
    }

    public static Judgement judge(QcProfile profile, Map<DefectClass, ClassPlan> plans, Collection<Result> results) {
        Map<DefectClass, ClassTally> tallies = new EnumMap<>(DefectClass.class);
        for (DefectClass defectClass : DefectClass.values()) {
            ClassPlan plan = plans.get(defectClass);
            List<DurabilityTestMethod> methods = profile.tests().stream()
                    .filter(test -> test.defectClass() == defectClass).map(QcProfile.QcTest::method).toList();
            int recorded = 0;
            Set<Integer> nonconformingPairs = new HashSet<>();
            for (Result result : results) {
                if (result.defectClass() == defectClass && methods.contains(result.method())
                        && result.sampleUnit() <= plan.pairs()) {
                    recorded++;
                    if (!result.passed()) {
                        nonconformingPairs.add(result.sampleUnit());
                    }
                }
            }
            int required = methods.size() * plan.pairs();
            int nonconforming = nonconformingPairs.size();
            ClassDecision decision = nonconforming >= plan.rejectNumber() ? ClassDecision.REJECTED
                    : recorded >= required ? ClassDecision.ACCEPTED : ClassDecision.PENDING;
            tallies.put(defectClass, new ClassTally(plan, required, recorded, nonconforming, decision));
        }
        Optional<Verdict> verdict;
        if (tallies.values().stream().anyMatch(tally -> tally.decision() == ClassDecision.REJECTED)) {
            verdict = Optional.of(Verdict.REJECTED);
        } else if (tallies.values().stream().allMatch(tally -> tally.decision() == ClassDecision.ACCEPTED)) {
            verdict = Optional.of(Verdict.ACCEPTED);
        } else {
            verdict = Optional.empty();
        }
        return new Judgement(tallies, verdict);
    }

    /** The pairs a method's tests run on: those of its class. */
    public static int pairsFor(DurabilityTestMethod method, QcProfile profile, Map<DefectClass, ClassPlan> plans) {
        return profile.tests().stream().filter(test -> test.method() == method).findFirst()
                .map(test -> plans.get(test.defectClass()).pairs())
                .orElse(0);
    }
}
