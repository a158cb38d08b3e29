package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.ClassOutcome;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.TestResultRecorded;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.contract.qc.VerdictIssued;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionJudge;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.inspection.TestResult;
import dev.sneakerqc.qc.messaging.QcEventRecorder;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.QcBatchRepository;
import dev.sneakerqc.qc.persistence.TestResultRepository;
import dev.sneakerqc.qc.replay.ReplayGate;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records durability test results on an open inspection, judges the inspection after each, and issues the
 * verdict as soon as there is one; the verdict moves the stream's switching state.
 */
@ApplicationScoped
public class ResultRecording {

    /**
     * A measurement to record.
     *
     * @param sampleUnit  the sample pair
     * @param method      the test method
     * @param value       the measurement, in the method's unit
     * @param technician  who measured
     * @param equipmentId the instrument
     * @param correction  whether it replaces the recorded result of the pair and method
     * @param reason      why it is corrected (required with a correction)
     */
    public record Measurement(int sampleUnit, DurabilityTestMethod method, BigDecimal value, String technician,
                              String equipmentId, boolean correction, String reason) {
    }

    /**
     * What was recorded and where the inspection stands.
     *
     * @param result     the result as now recorded
     * @param test       the profile's test of the method
     * @param correction whether it was a correction
     * @param inspection the inspection after it
     * @param judgement  the judgement after it
     */
    public record Recorded(TestResult result, QcProfile.QcTest test, boolean correction, Inspection inspection,
                           InspectionJudge.Judgement judgement) {
    }

    private final InspectionRepository inspections;
    private final QcBatchRepository batches;
    private final TestResultRepository results;
    private final StreamSwitching switching;
    private final QcEventRecorder events;
    private final ReplayGate gate;
    private final Clock clock;

    public ResultRecording(InspectionRepository inspections, QcBatchRepository batches, TestResultRepository results,
                           StreamSwitching switching, QcEventRecorder events, ReplayGate gate, Clock clock) {
        this.inspections = inspections;
        this.batches = batches;
        this.results = results;
        this.switching = switching;
        this.events = events;
        this.gate = gate;
        this.clock = clock;
    }

    @Transactional
    public Recorded record(UUID batchId, Measurement measurement) {
        gate.requireNoReplay();
        Inspection inspection = inspections.findForUpdate(batchId)
                .orElseThrow(() -> Problems.notFound("inspection of batch", batchId));
        requireOpen(inspection);
        QcProfile profile = inspection.profile();
        QcProfile.QcTest test = profile.tests().stream().filter(candidate -> candidate.method() == measurement.method())
                .findFirst()
                .orElseThrow(() -> Problems.unprocessable("method", measurement.method() + " is not a test of QC profile "
                        + "version " + profile.version() + " of model " + profile.styleCode() + "; its tests are "
                        + profile.tests().stream().map(t -> t.method().name()).collect(Collectors.joining(", "))));
        int pairs = inspection.plans().get(test.defectClass()).pairs();
        if (measurement.sampleUnit() < 1 || measurement.sampleUnit() > pairs) {
            throw Problems.unprocessable("sampleUnit", "sample pair " + measurement.sampleUnit() + " is out of range: "
                    + test.defectClass() + " tests such as " + measurement.method() + " run on pairs 1.." + pairs);
        }
        if (!measurement.method().isPossible(measurement.value())) {
            throw Problems.invalid("value", measurement.method() + " values lie between "
                    + measurement.method().lowestPossible() + " and "
                    + (measurement.method().highestPossible() == null ? "any higher value"
                    : measurement.method().highestPossible()) + " " + measurement.method().unit());
        }
        boolean passed = within(test, measurement.value());
        Instant now = clock.instant();
        Optional<TestResult> existing = results.find(batchId, measurement.sampleUnit(), measurement.method());
        BigDecimal replaced = null;
        TestResult result;
        if (existing.isPresent()) {
            result = existing.get();
            if (!measurement.correction()) {
                throw Problems.conflict("a " + measurement.method() + " result for sample pair " + measurement.sampleUnit()
                        + " is already recorded (" + result.value().toPlainString() + " " + test.unit()
                        + "); send the new value as a correction with a reason", Map.of(
                        "recordedValue", result.value(), "recordedBy", result.technician()));
            }
            replaced = result.value();
            result.correct(measurement.value(), passed, measurement.technician(), measurement.equipmentId(), now);
        } else {
            if (measurement.correction()) {
                throw Problems.unprocessable("correction", "there is no " + measurement.method()
                        + " result for sample pair " + measurement.sampleUnit() + " to correct");
            }
            result = new TestResult(batchId, measurement.sampleUnit(), measurement.method(), test.defectClass(),
                    measurement.value(), passed, measurement.technician(), measurement.equipmentId(), now);
            results.persist(result);
        }
        results.audit(result, measurement.correction(), measurement.reason(), replaced);
        events.inspectionEvent(QcEvents.TEST_RESULT_RECORDED, batchId, inspection.recordResult(), now,
                new TestResultRecorded(result.sampleUnit(), result.method(), result.defectClass(), result.value(),
                        test.unit(), passed, result.technician(), result.equipmentId(), measurement.correction(),
                        measurement.correction() ? measurement.reason() : null, replaced));

        InspectionJudge.Judgement judgement = InspectionJudge.judge(profile, inspection.plans(),
                results.ofInspection(batchId).stream().map(ResultRecording::forJudging).toList());
        judgement.verdict().ifPresent(verdict -> issueVerdict(inspection, judgement, verdict, now));
        return new Recorded(result, test, measurement.correction(), inspection, judgement);
    }

    private void issueVerdict(Inspection inspection, InspectionJudge.Judgement judgement, Verdict verdict,
                              Instant now) {
        QcBatch batch = batches.findById(inspection.batchId());
        long sequence = inspection.decide(verdict, now);
        Map<DefectClass, ClassOutcome> outcomes = new EnumMap<>(DefectClass.class);
        judgement.classes().forEach((defectClass, tally) -> outcomes.put(defectClass, new ClassOutcome(
                tally.decision(), tally.nonconforming(), tally.plan().acceptNumber(), tally.plan().rejectNumber(),
                tally.plan().pairs(), tally.plan().severity())));
        events.inspectionEvent(QcEvents.VERDICT_ISSUED, inspection.batchId(), sequence, now, new VerdictIssued(
                batch.batchNumber(), batch.styleCode(), batch.factoryCode(), batch.line(), verdict, outcomes));
        switching.afterVerdict(batch, judgement, now);
    }

    private static void requireOpen(Inspection inspection) {
        if (inspection.status() == InspectionStatus.OPEN) {
            return;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("inspectionStatus", inspection.status());
        if (inspection.status().isDecided()) {
            throw Problems.conflict("the inspection of batch " + inspection.batchId() + " is decided ("
                    + inspection.status() + "); it takes no more results", state);
        }
        state.put("awaitingReason", inspection.awaitingReason());
        throw Problems.conflict("the inspection of batch " + inspection.batchId() + " is not open yet ("
                + inspection.status() + ": " + inspection.awaitingReason() + ")", state);
    }

    /** Whether the value lies within the test's limits (inclusive; a missing limit is open). */
    static boolean within(QcProfile.QcTest test, BigDecimal value) {
        return (test.min() == null || value.compareTo(test.min()) >= 0)
                && (test.max() == null || value.compareTo(test.max()) <= 0);
    }

    static InspectionJudge.Result forJudging(TestResult result) {
        return new InspectionJudge.Result(result.sampleUnit(), result.method(), result.defectClass(), result.passed());
    }
}
