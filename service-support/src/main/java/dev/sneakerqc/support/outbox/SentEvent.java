package dev.sneakerqc.support.outbox;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An outbox event handed to the Kafka producer.
 *
 * @param event           the event
 * @param acknowledgement completes with the time Kafka acknowledged it, or exceptionally with why it was not
 */
record SentEvent(PendingEvent event, CompletableFuture<Instant> acknowledgement) {

    boolean acknowledged() {
        return acknowledgement.isDone() && !acknowledgement.isCompletedExceptionally();
    }

    boolean failed() {
        return acknowledgement.isCompletedExceptionally();
    }
}
