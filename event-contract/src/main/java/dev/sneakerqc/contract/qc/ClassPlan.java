package dev.sneakerqc.contract.qc;

import java.math.BigDecimal;

/**
 * How one defect class of an inspection is sampled and judged.
 *
 * @param severity     the stream's severity for this class when the inspection opened; null for CRITICAL
 * @param aql          the class's AQL; null for CRITICAL (always Ac 0 / Re 1)
 * @param codeLetter   Table I code letter; null for CRITICAL
 * @param sampleSize   n of the plan (for CRITICAL: every sampled pair)
 * @param acceptNumber Ac
 * @param rejectNumber Re
 * @param inspectAll   whether n reaches the lot size
 * @param pairs        the class's tests run on sample pairs 1..pairs (n, or the lot size when smaller)
 */
public record ClassPlan(InspectionSeverity severity, BigDecimal aql, String codeLetter, int sampleSize,
                        int acceptNumber, int rejectNumber, boolean inspectAll, int pairs) {
}
