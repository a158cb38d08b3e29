package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.persistence.QcBatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies production events to QC's knowledge of batches: {@code BatchPlanned} creates the batch's QC record;
 * {@code BatchStageCompleted} with {@code FINISHED} creates its inspection. Events must arrive in sequence per
 * batch: an event already applied is skipped, a gap is refused (dead-lettered, to be redriven once the missing
 * event is in).
 */
@ApplicationScoped
public class BatchIntake {

    private final QcBatchRepository batches;
    private final InspectionOpening opening;
    private final InspectionOpener opener;

    public BatchIntake(QcBatchRepository batches, InspectionOpening opening, InspectionOpener opener) {
        this.batches = batches;
        this.opening = opening;
        this.opener = opener;
    }

    /**
     * Why the event cannot be applied in the current state (its batch is unknown, or an earlier event of the
     * batch is missing), or null when it can. Looks only; changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String refusalOf(EventEnvelope event) {
        if (event.is(ProductionEvents.BATCH_PLANNED)) {
            return null;
        }
        QcBatch batch = batches.findById(event.batchId());
        if (batch == null) {
            return "batch " + event.batchId() + " is unknown: its BatchPlanned event was never applied";
        }
        if (event.sequence() > batch.lastProductionSequence() + 1) {
            return "sequence gap for batch " + event.batchId() + ": expected "
                    + (batch.lastProductionSequence() + 1) + ", got " + event.sequence();
        }
        return null;
    }

    /** Applies an event that {@link #refusalOf} accepted; an event whose sequence was applied before changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        QcBatch batch = batches.findById(event.batchId());
        if (event.is(ProductionEvents.BATCH_PLANNED)) {
            if (batch == null) {
                BatchPlanned planned = event.dataAs(ProductionEvents.BATCH_PLANNED);
                batches.persist(new QcBatch(event.batchId(), planned.batchNumber(), planned.styleCode(),
                        planned.factoryCode(), planned.line(), planned.quantity(), event.occurredAt()));
            }
            return;
        }
        if (event.sequence() <= batch.lastProductionSequence()) {
            return;
        }
        ProductionStage stage = event.is(ProductionEvents.BATCH_STAGE_COMPLETED)
                ? event.dataAs(ProductionEvents.BATCH_STAGE_COMPLETED).stage() : null;
        batch.advance(event.sequence(), stage, event.occurredAt());
        if (stage == ProductionStage.FINISHED) {
            opening.create(batch, event.occurredAt());
            opener.wakeAfterCommit();
        }
    }
}
