package dev.sneakerqc.contract.production;

import java.util.UUID;

/**
 * Data of {@link ProductionEvents#BATCH_RELEASED} and {@link ProductionEvents#BATCH_REJECTED}: the catalog applied
 * the QC verdict to the batch.
 *
 * @param batchNumber    the batch's readable number
 * @param styleCode      the model
 * @param factoryCode    the factory
 * @param status         RELEASED or REJECTED
 * @param verdictEventId the id of the QC {@code VerdictIssued} event applied
 */
public record BatchQcOutcome(String batchNumber, String styleCode, String factoryCode, BatchStatus status,
                             UUID verdictEventId) {
}
