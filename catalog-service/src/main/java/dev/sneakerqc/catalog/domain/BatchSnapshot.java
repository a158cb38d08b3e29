package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.ProductionStage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch as it stands, with its next stage and the sequence of its last event: taken from the entity
 * ({@link Batch#snapshot()}), or read straight from the database ({@code BatchReads}). Stage changes are made on
 * it ({@link #completeStage}); planning and verdicts go through the {@link Batch} entity.
 */
public record BatchSnapshot(UUID id, String batchNumber, String styleCode, String factoryCode, int quantity,
                            BatchStatus status, ProductionStage stage, ProductionStage nextStage,
                            LabelDecision label, List<MaterialLotLine> materialLots, Instant plannedAt,
                            Instant updatedAt, long lastEventSequence) {

    /**
     * Completes the next production stage; finishing sends the batch to QC. The change is announced by the
     * batch's next event in sequence.
     *
     * @throws StageOutOfOrderException when {@code requested} is not the next stage, or the batch takes no more
     */
    public StageChange completeStage(ProductionStage requested, Instant at) {
        if (requested != nextStage) {
            throw new StageOutOfOrderException(batchNumber, status, stage, requested, nextStage);
        }
        BatchStatus newStatus = requested == ProductionStage.FINISHED ? BatchStatus.IN_QC : BatchStatus.IN_PRODUCTION;
        long sequence = lastEventSequence + 1;
        BatchSnapshot after = new BatchSnapshot(id, batchNumber, styleCode, factoryCode, quantity, newStatus,
                requested, Batch.expectedStage(newStatus, requested), label, materialLots, plannedAt, at, sequence);
        return new StageChange(this, after, new StageCompletion(id, requested, at, sequence));
    }
}
