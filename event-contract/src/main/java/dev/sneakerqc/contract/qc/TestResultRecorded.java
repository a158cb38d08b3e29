package dev.sneakerqc.contract.qc;

import java.math.BigDecimal;

/**
 * Data of {@link QcEvents#TEST_RESULT_RECORDED}: a technician recorded one measurement on one sample pair.
 * Key: batch id.
 *
 * @param sampleUnit    the sample pair, 1..samplePairs
 * @param method        the test method
 * @param defectClass   the class a failure counts against
 * @param value         the measurement, in the method's unit
 * @param unit          the unit
 * @param passed        whether the value lies within the snapshotted limits
 * @param technician    who recorded it
 * @param equipmentId   the instrument used
 * @param correction    whether it replaces an earlier result for the same pair and method
 * @param reason        why it was corrected; null unless a correction
 * @param replacedValue the value it replaces; null unless a correction
 */
public record TestResultRecorded(int sampleUnit, DurabilityTestMethod method, DefectClass defectClass,
                                 BigDecimal value, String unit, boolean passed, String technician,
                                 String equipmentId, boolean correction, String reason, BigDecimal replacedValue) {
}
