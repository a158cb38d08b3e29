package dev.sneakerqc.contract.qc;

/**
 * A Z1.4 single sampling plan.
 *
 * @param codeLetter    the sample size code letter of Table I (before any arrow is followed)
 * @param sampleSize    the plan's sample size n, from the row the arrows lead to
 * @param acceptNumber  Ac: accept with at most this many nonconforming units
 * @param rejectNumber  Re: reject with at least this many (reduced plans may leave a gap above Ac)
 * @param inspectAll    whether n reaches the lot size, so every unit of the lot is inspected
 */
public record SamplingPlan(String codeLetter, int sampleSize, int acceptNumber, int rejectNumber,
                           boolean inspectAll) {
}
