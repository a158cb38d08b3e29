package dev.sneakerqc.qc.client;

/** The model's QC profile could not be had now: the catalog is unreachable, failing, or has no profile yet. */
public class ProfileUnavailableException extends RuntimeException {

    private final boolean missing;

    ProfileUnavailableException(String message, boolean missing, Throwable cause) {
        super(message, cause);
        this.missing = missing;
    }

    /** True when the catalog answered that the model has no QC profile (a planner must add one). */
    public boolean missing() {
        return missing;
    }
}
