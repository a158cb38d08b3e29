package dev.sneakerqc.contract.qc;

/** Where a defect class of an inspection stands. */
public enum ClassDecision {
    /** Not every test of the class is recorded and the count is below Re. */
    PENDING,
    /** Every test recorded and the nonconforming count is below Re (at most Ac, or in the reduced gap). */
    ACCEPTED,
    /** The nonconforming count reached Re. */
    REJECTED
}
