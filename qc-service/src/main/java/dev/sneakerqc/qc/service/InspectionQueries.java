package dev.sneakerqc.qc.service;

import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionJudge;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.inspection.TestResult;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.QcBatchRepository;
import dev.sneakerqc.qc.persistence.TestResultRepository;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads inspections with their batch, results and current judgement. */
@ApplicationScoped
@Transactional
public class InspectionQueries {

    /**
     * An inspection as read.
     *
     * @param inspection the inspection
     * @param batch      its batch
     * @param results    its current results
     * @param judgement  its judgement, empty until it is open
     */
    public record InspectionRead(Inspection inspection, QcBatch batch, List<TestResult> results,
                                 Optional<InspectionJudge.Judgement> judgement) {
    }

    /** A page of inspections and the total count. */
    public record Page(List<InspectionRead> items, long total) {
    }

    private final InspectionRepository inspections;
    private final QcBatchRepository batches;
    private final TestResultRepository results;

    public InspectionQueries(InspectionRepository inspections, QcBatchRepository batches,
                             TestResultRepository results) {
        this.inspections = inspections;
        this.batches = batches;
        this.results = results;
    }

    public InspectionRead get(UUID batchId) {
        Inspection inspection = inspections.findByIdOptional(batchId)
                .orElseThrow(() -> Problems.notFound("inspection of batch", batchId));
        return read(inspection);
    }

    /** Every recording of an inspection's results, corrections included, in the order made. */
    public List<TestResultRepository.AuditEntry> auditTrail(UUID batchId) {
        if (inspections.findByIdOptional(batchId).isEmpty()) {
            throw Problems.notFound("inspection of batch", batchId);
        }
        return results.auditTrail(batchId);
    }

    public Page search(InspectionStatus status, int page, int size) {
        InspectionRepository.Result found = inspections.search(status, page, size);
        return new Page(found.items().stream().map(this::read).toList(), found.total());
    }

    private InspectionRead read(Inspection inspection) {
        QcBatch batch = batches.findById(inspection.batchId());
        List<TestResult> current = results.ofInspection(inspection.batchId());
        Optional<InspectionJudge.Judgement> judgement = inspection.profile() == null ? Optional.empty()
                : Optional.of(InspectionJudge.judge(inspection.profile(), inspection.plans(),
                current.stream().map(ResultRecording::forJudging).toList()));
        return new InspectionRead(inspection, batch, current, judgement);
    }
}
