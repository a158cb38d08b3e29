package dev.sneakerqc.contract.qc;

import java.util.Map;

/**
 * Data of {@link QcEvents#VERDICT_ISSUED}: the batch is accepted (every class accepted) or rejected (a class
 * reached its rejection number). The catalog releases or rejects the batch on it. Key: batch id.
 *
 * @param batchNumber the batch's readable number
 * @param styleCode   the model
 * @param factoryCode the factory
 * @param line        the model line
 * @param verdict     ACCEPTED or REJECTED
 * @param classes     each class's outcome and counts
 */
public record VerdictIssued(String batchNumber, String styleCode, String factoryCode, String line, Verdict verdict,
                            Map<DefectClass, ClassOutcome> classes) {
}
