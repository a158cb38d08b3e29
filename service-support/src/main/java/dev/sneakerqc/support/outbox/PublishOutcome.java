package dev.sneakerqc.support.outbox;

import java.util.List;

/**
 * What a publishing round achieved.
 *
 * @param published     positions acknowledged by Kafka whose predecessors in their aggregate were too
 * @param firstFailure  position of the first event that failed, or -1
 * @param failureReason why it failed, null when nothing failed
 */
record PublishOutcome(List<Long> published, long firstFailure, String failureReason) {

    boolean failed() {
        return failureReason != null;
    }
}
