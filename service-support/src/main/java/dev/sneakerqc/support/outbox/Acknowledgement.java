package dev.sneakerqc.support.outbox;

import java.time.Instant;

/**
 * Kafka acknowledged the event at this outbox position at this time.
 *
 * @param position the event's outbox position
 * @param at       when the producer got the acknowledgement
 */
record Acknowledgement(long position, Instant at) {
}
