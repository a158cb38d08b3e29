package dev.sneakerqc.contract.production;

/** Where a batch is in its life. */
public enum BatchStatus {
    /** Planned, no stage completed yet. */
    PLANNED,
    /** At least one production stage completed, not yet finished. */
    IN_PRODUCTION,
    /** Finished and waiting for the QC verdict. */
    IN_QC,
    /** QC accepted the batch; it may ship. */
    RELEASED,
    /** QC rejected the batch. */
    REJECTED;

    /** Whether production stages may still be completed. */
    public boolean acceptsStages() {
        return this == PLANNED || this == IN_PRODUCTION;
    }
}
