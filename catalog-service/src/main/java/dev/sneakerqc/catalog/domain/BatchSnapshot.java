package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.ProductionStage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch as it stands, with its next stage: taken from the entity after a change ({@link Batch#snapshot()}), or
 * read straight from the database ({@code BatchReads}).
 */
public record BatchSnapshot(UUID id, String batchNumber, String styleCode, String factoryCode, int quantity,
                            BatchStatus status, ProductionStage stage, ProductionStage nextStage,
                            LabelDecision label, List<MaterialLotLine> materialLots, Instant plannedAt,
                            Instant updatedAt) {
}
