package dev.sneakerqc.contract.production;

/**
 * Data of {@link ProductionEvents#BATCH_STAGE_COMPLETED}: a batch completed a production stage.
 *
 * @param batchNumber   the batch's readable number
 * @param styleCode     the model made
 * @param factoryCode   the factory making it
 * @param stage         the stage completed
 * @param previousStage the stage completed before it, null for the first stage
 * @param status        the batch status after the stage: IN_PRODUCTION, or IN_QC after FINISHED
 */
public record BatchStageCompleted(String batchNumber, String styleCode, String factoryCode, ProductionStage stage,
                                  ProductionStage previousStage, BatchStatus status) {
}
