package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.SamplingPlan;
import dev.sneakerqc.qc.sampling.SamplingPlanner;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * Draws an inspection's plans. Lot size is the batch quantity, the level comes from the profile. MAJOR and MINOR
 * each get the Z1.4 plan of their AQL at the stream's severity for the class; CRITICAL is Ac 0 / Re 1 over every
 * sampled pair. The sample is pairs 1..max(n) (at most the lot); each class's tests run on its own first n pairs.
 */
public final class InspectionPlanner {

    private final SamplingPlanner sampling;

    public InspectionPlanner(SamplingPlanner sampling) {
        this.sampling = sampling;
    }

    /** The plans of the three classes, keyed by class. */
    public Map<DefectClass, ClassPlan> plans(int lotSize, QcProfile profile,
                                             Map<DefectClass, InspectionSeverity> severities) {
        ClassPlan major = sampled(lotSize, profile, profile.aql().major(), severities.get(DefectClass.MAJOR));
        ClassPlan minor = sampled(lotSize, profile, profile.aql().minor(), severities.get(DefectClass.MINOR));
        int allPairs = Math.max(major.pairs(), minor.pairs());
        ClassPlan critical = new ClassPlan(null, null, null, allPairs, 0, 1, allPairs >= lotSize, allPairs);
        Map<DefectClass, ClassPlan> plans = new EnumMap<>(DefectClass.class);
        plans.put(DefectClass.CRITICAL, critical);
        plans.put(DefectClass.MAJOR, major);
        plans.put(DefectClass.MINOR, minor);
        return plans;
    }

    /** Pairs 1..this are sampled. */
    public static int samplePairs(Map<DefectClass, ClassPlan> plans) {
        return plans.get(DefectClass.CRITICAL).pairs();
    }

    private ClassPlan sampled(int lotSize, QcProfile profile, BigDecimal aql, InspectionSeverity severity) {
        SamplingPlan plan = sampling.plan(lotSize, aql, profile.inspectionLevel(), severity);
        return new ClassPlan(severity, aql, plan.codeLetter(), plan.sampleSize(), plan.acceptNumber(),
                plan.rejectNumber(), plan.inspectAll(), Math.min(plan.sampleSize(), lotSize));
    }
}
