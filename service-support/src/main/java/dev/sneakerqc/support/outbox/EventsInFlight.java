package dev.sneakerqc.support.outbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The events the relay sent to Kafka and has not yet counted as published, in the order they were sent. The relay
 * reads and sends its next round while Kafka acknowledges this one, so an event committed meanwhile waits for
 * the next read, not for the acknowledgements of the events ahead of it.
 *
 * <p>An event counts as published once it and every event sent before it were acknowledged
 * ({@link #takeAcknowledged}). After a failure the relay waits for the rest ({@link #settle}): of those, an event
 * counts only when no earlier event of its aggregate failed, so that an aggregate's events are never marked
 * published past a gap.
 */
final class EventsInFlight {

    private final ArrayDeque<SentEvent> events = new ArrayDeque<>();

    void addAll(List<SentEvent> sent) {
        events.addAll(sent);
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The outbox positions of the events in flight, which the next read leaves out. */
    List<Long> positions() {
        List<Long> positions = new ArrayList<>(events.size());
        for (SentEvent sent : events) {
            positions.add(sent.event().position());
        }
        return positions;
    }

    /** Whether an event in flight failed; the relay then {@link #settle settles} them all. */
    boolean anyFailed() {
        for (SentEvent sent : events) {
            if (sent.failed()) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the acknowledged events at the head, up to the first that is not (yet). */
    List<Acknowledgement> takeAcknowledged() {
        List<Acknowledgement> acknowledged = new ArrayList<>();
        while (!events.isEmpty() && events.peekFirst().acknowledged()) {
            SentEvent sent = events.pollFirst();
            acknowledged.add(new Acknowledgement(sent.event().position(), sent.acknowledgement().join()));
        }
        return acknowledged;
    }

    /**
     * Waits until every event in flight is acknowledged or failed, then empties the window.
     *
     * @return the acknowledged events with no failed event before them in their aggregate, and the first failure
     */
    Settlement settle() throws InterruptedException {
        List<Acknowledgement> published = new ArrayList<>(events.size());
        Set<String> blockedAggregates = new HashSet<>();
        long firstFailure = -1;
        String failureReason = null;
        while (!events.isEmpty()) {
            SentEvent sent = events.pollFirst();
            Instant acknowledgedAt = null;
            String reason = null;
            try {
                acknowledgedAt = sent.acknowledgement().get();
            } catch (ExecutionException e) {
                reason = KafkaEventPublisher.describe(e.getCause());
            } catch (CancellationException e) {
                reason = "cancelled";
            }
            if (reason != null && firstFailure < 0) {
                firstFailure = sent.event().position();
                failureReason = reason;
            }
            if (reason != null || blockedAggregates.contains(sent.event().aggregateId())) {
                blockedAggregates.add(sent.event().aggregateId());
            } else {
                published.add(new Acknowledgement(sent.event().position(), acknowledgedAt));
            }
        }
        return new Settlement(published, firstFailure, failureReason);
    }

    /**
     * What the events in flight came to after a failure.
     *
     * @param published     acknowledged events whose predecessors in their aggregate were acknowledged too
     * @param firstFailure  position of the first event that failed, or -1
     * @param failureReason why it failed, null when nothing failed
     */
    record Settlement(List<Acknowledgement> published, long firstFailure, String failureReason) {

        boolean failed() {
            return failureReason != null;
        }
    }
}
