package dev.sneakerqc.contract.production;

import java.util.List;

/**
 * Data of {@link ProductionEvents#BATCH_PLANNED}: a batch was planned. Always sequence 1 of its batch.
 *
 * @param batchNumber    the readable unique number, e.g. {@code SKO-2026-000123}
 * @param styleCode      the model made
 * @param modelName      the model's name at planning time
 * @param line           the model line (QC switching streams are per factory and line)
 * @param category       the model's category
 * @param factoryCode    the factory making it
 * @param factoryCountry ISO 3166 alpha-2 country of the factory
 * @param quantity       pairs planned; the QC lot size
 * @param materialLots   supplier lots going into the batch
 * @param label          the Made-in-USA decision
 * @param status         always {@link BatchStatus#PLANNED}
 */
public record BatchPlanned(String batchNumber, String styleCode, String modelName, String line,
                           ModelCategory category, String factoryCode, String factoryCountry, int quantity,
                           List<MaterialLot> materialLots, LabelDecision label, BatchStatus status) {
}
