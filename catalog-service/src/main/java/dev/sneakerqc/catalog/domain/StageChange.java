package dev.sneakerqc.catalog.domain;

/**
 * A production stage completed on a batch.
 *
 * @param before     the batch before the change
 * @param after      the batch after it
 * @param completion the row of the batch's history, carrying the sequence of the event announcing the change
 */
public record StageChange(BatchSnapshot before, BatchSnapshot after, StageCompletion completion) {

    /** The history row belongs to the batch that changed ({@code BatchWrites} writes it under that batch's id). */
    public StageChange {
        if (!completion.batchId().equals(after.id())) {
            throw new IllegalArgumentException("the completion of batch " + completion.batchId()
                    + " recorded as a change of batch " + after.id());
        }
    }
}
