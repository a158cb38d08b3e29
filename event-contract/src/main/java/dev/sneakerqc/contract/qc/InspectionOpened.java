package dev.sneakerqc.contract.qc;

import java.util.Map;

/**
 * Data of {@link QcEvents#INSPECTION_OPENED}: a finished batch's inspection opened with a snapshot of the model's
 * QC profile and the sampling plan of each defect class. Key: batch id.
 *
 * @param batchNumber the batch's readable number
 * @param styleCode   the model
 * @param factoryCode the factory
 * @param line        the model line; with the factory it names the switching stream
 * @param lotSize     the batch quantity
 * @param profile     the QC profile version used, as it was
 * @param plans       the plan of each defect class
 * @param samplePairs pairs 1..samplePairs are sampled (the largest class sample)
 */
public record InspectionOpened(String batchNumber, String styleCode, String factoryCode, String line, int lotSize,
                               QcProfile profile, Map<DefectClass, ClassPlan> plans, int samplePairs) {
}
