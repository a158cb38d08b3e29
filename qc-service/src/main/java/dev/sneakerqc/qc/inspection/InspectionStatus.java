package dev.sneakerqc.qc.inspection;

/** Where the inspection of a finished batch stands. */
public enum InspectionStatus {
    /** The batch finished; its model's QC profile is being fetched from the catalog (retried until it comes). */
    AWAITING_PROFILE,
    /** The batch's stream is discontinued; waits for a corrective action, then opens at tightened inspection. */
    ON_HOLD,
    /** Plans drawn; technicians record results. */
    OPEN,
    ACCEPTED,
    REJECTED;

    public boolean isDecided() {
        return this == ACCEPTED || this == REJECTED;
    }
}
