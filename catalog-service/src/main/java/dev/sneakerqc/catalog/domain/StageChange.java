package dev.sneakerqc.catalog.domain;

/**
 * A production stage completed on a batch.
 *
 * @param before     the batch before the change
 * @param after      the batch after it
 * @param completion the row of the batch's history, carrying the sequence of the event announcing the change
 */
public record StageChange(BatchSnapshot before, BatchSnapshot after, StageCompletion completion) {
}
