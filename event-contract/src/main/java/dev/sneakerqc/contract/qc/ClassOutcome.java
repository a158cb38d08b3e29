package dev.sneakerqc.contract.qc;

/**
 * How a defect class ended when the verdict was issued.
 *
 * @param decision      the class's decision; PENDING when the batch was rejected by another class first
 * @param nonconforming sample pairs nonconforming for this class
 * @param acceptNumber  Ac of its plan
 * @param rejectNumber  Re of its plan
 * @param pairs         pairs the class was judged on
 * @param severity      the severity its plan was drawn at; null for CRITICAL
 */
public record ClassOutcome(ClassDecision decision, int nonconforming, int acceptNumber, int rejectNumber, int pairs,
                           InspectionSeverity severity) {
}
