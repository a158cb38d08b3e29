package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionJudge;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.service.InspectionQueries;
import dev.sneakerqc.qc.service.ResultRecording;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the inspections resource. */
public final class InspectionDto {

    private InspectionDto() {
    }

    /** A measurement to record. */
    public record RecordResult(
            @NotNull @Min(1) @Max(500_000) Integer sampleUnit,
            @NotNull DurabilityTestMethod method,
            @NotNull @DecimalMin("-1000000000") @DecimalMax("1000000000") BigDecimal value,
            @NotBlank @Size(max = 80) String technician,
            @NotBlank @Size(max = 80) String equipmentId,
            Boolean correction,
            @Size(max = 500) String reason) {
    }

    /** A recorded result and where the inspection stands after it. */
    public record ResultView(UUID batchId, int sampleUnit, DurabilityTestMethod method, DefectClass defectClass,
                             BigDecimal value, String unit, BigDecimal min, BigDecimal max, boolean passed,
                             boolean correction, String technician, String equipmentId, Instant recordedAt,
                             InspectionStatus inspectionStatus, Verdict verdict) {

        static ResultView of(ResultRecording.Recorded recorded) {
            var result = recorded.result();
            return new ResultView(result.batchId(), result.sampleUnit(), result.method(), result.defectClass(),
                    result.value(), recorded.test().unit(), recorded.test().min(), recorded.test().max(),
                    result.passed(), recorded.correction(), result.technician(), result.equipmentId(),
                    result.recordedAt(), recorded.inspection().status(), recorded.inspection().verdict());
        }
    }

    /**
     * A defect class of an inspection: its plan and where it stands.
     *
     * @param severity      severity of the plan (null for CRITICAL)
     * @param aql           AQL (null for CRITICAL)
     * @param codeLetter    Table I code letter (null for CRITICAL)
     * @param sampleSize    the plan's n
     * @param acceptNumber  Ac
     * @param rejectNumber  Re
     * @param inspectAll    whether n reaches the lot size
     * @param pairs         the class's tests run on pairs 1..pairs
     * @param testsRequired tests of the class times pairs
     * @param testsRecorded tests recorded
     * @param nonconforming pairs nonconforming for the class
     * @param decision      PENDING, ACCEPTED or REJECTED
     */
    public record ClassView(InspectionSeverity severity, BigDecimal aql, String codeLetter, int sampleSize,
                            int acceptNumber, int rejectNumber, boolean inspectAll, int pairs, int testsRequired,
                            int testsRecorded, int nonconforming, ClassDecision decision) {

        static ClassView of(InspectionJudge.ClassTally tally) {
            ClassPlan plan = tally.plan();
            return new ClassView(plan.severity(), plan.aql(), plan.codeLetter(), plan.sampleSize(),
                    plan.acceptNumber(), plan.rejectNumber(), plan.inspectAll(), plan.pairs(), tally.testsRequired(),
                    tally.testsRecorded(), tally.nonconforming(), tally.decision());
        }
    }

    /** How much of the inspection is recorded. */
    public record Progress(int testsRecorded, int testsRequired, BigDecimal percent) {
    }

    /** An inspection. */
    public record InspectionView(UUID batchId, String batchNumber, String styleCode, String factoryCode, String line,
                                 int lotSize, InspectionStatus status, Verdict verdict, String awaitingReason,
                                 Integer profileVersion, String inspectionLevel, Integer samplePairs,
                                 Map<DefectClass, ClassView> classes, Progress progress, Instant finishedAt,
                                 Instant openedAt, Instant decidedAt) {

        static InspectionView of(InspectionQueries.InspectionRead read) {
            Inspection inspection = read.inspection();
            QcBatch batch = read.batch();
            Map<DefectClass, ClassView> classes = new EnumMap<>(DefectClass.class);
            Progress progress = null;
            if (read.judgement().isPresent()) {
                InspectionJudge.Judgement judgement = read.judgement().get();
                judgement.classes().forEach((defectClass, tally) -> classes.put(defectClass, ClassView.of(tally)));
                int required = judgement.testsRequired();
                int recorded = judgement.testsRecorded();
                progress = new Progress(recorded, required, required == 0 ? BigDecimal.valueOf(100)
                        : BigDecimal.valueOf(recorded * 100L).divide(BigDecimal.valueOf(required), 1,
                        RoundingMode.DOWN));
            }
            boolean waiting = !inspection.status().isDecided() && inspection.status() != InspectionStatus.OPEN;
            return new InspectionView(batch.batchId(), batch.batchNumber(), batch.styleCode(), batch.factoryCode(),
                    batch.line(), batch.quantity(), inspection.status(), inspection.verdict(),
                    waiting ? inspection.awaitingReason() : null,
                    inspection.profile() == null ? null : inspection.profile().version(),
                    inspection.profile() == null ? null : inspection.profile().inspectionLevel().label(),
                    inspection.samplePairs(), classes, progress, inspection.finishedAt(), inspection.openedAt(),
                    inspection.decidedAt());
        }
    }

    /** A page of inspections. */
    public record InspectionPage(List<InspectionView> items, int page, int size, long totalItems, long totalPages) {
    }
}
