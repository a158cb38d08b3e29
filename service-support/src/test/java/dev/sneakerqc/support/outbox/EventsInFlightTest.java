package dev.sneakerqc.support.outbox;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events the relay counts as published while others are still in flight or failed. */
class EventsInFlightTest {

    private static final Instant T0 = Instant.parse("2026-12-01T15:00:00Z");

    @Test
    void countsAnEventOnlyOnceEveryEventSentBeforeItIsAcknowledged() {
        EventsInFlight inFlight = new EventsInFlight();
        SentEvent a1 = sent(1, "a");
        SentEvent b1 = sent(2, "b");
        SentEvent a2 = sent(3, "a");
        inFlight.addAll(List.of(a1, b1, a2));

        b1.acknowledgement().complete(T0.plusMillis(2));
        assertThat(inFlight.takeAcknowledged()).as("the first event is not acknowledged yet").isEmpty();
        assertThat(inFlight.positions()).containsExactly(1L, 2L, 3L);

        a1.acknowledgement().complete(T0.plusMillis(3));
        assertThat(inFlight.takeAcknowledged())
                .containsExactly(new Acknowledgement(1, T0.plusMillis(3)), new Acknowledgement(2, T0.plusMillis(2)));
        assertThat(inFlight.positions()).containsExactly(3L);
        assertThat(inFlight.anyFailed()).isFalse();

        a2.acknowledgement().complete(T0.plusMillis(4));
        assertThat(inFlight.takeAcknowledged()).containsExactly(new Acknowledgement(3, T0.plusMillis(4)));
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void afterAFailureCountsNoEventOfTheFailedAggregatePastTheFailure() throws Exception {
        EventsInFlight inFlight = new EventsInFlight();
        SentEvent a1 = sent(1, "a");
        SentEvent b1 = sent(2, "b");
        SentEvent a2 = sent(3, "a");
        SentEvent b2 = sent(4, "b");
        inFlight.addAll(List.of(a1, b1, a2, b2));
        a1.acknowledgement().completeExceptionally(new RecordTooLargeException("too large"));
        b1.acknowledgement().complete(T0.plusMillis(1));
        a2.acknowledgement().complete(T0.plusMillis(2));
        b2.acknowledgement().complete(T0.plusMillis(3));

        assertThat(inFlight.anyFailed()).isTrue();
        assertThat(inFlight.takeAcknowledged()).as("nothing past the failed head").isEmpty();
        EventsInFlight.Settlement settled = inFlight.settle();

        assertThat(settled.published()).as("b's events; a's second waits for its first to go out again")
                .containsExactly(new Acknowledgement(2, T0.plusMillis(1)), new Acknowledgement(4, T0.plusMillis(3)));
        assertThat(settled.firstFailure()).isEqualTo(1);
        assertThat(settled.failureReason()).isEqualTo("RecordTooLargeException: too large");
        assertThat(inFlight.isEmpty()).isTrue();
    }

    private static SentEvent sent(long position, String aggregate) {
        return new SentEvent(new PendingEvent(position, UUID.randomUUID(), "production-events", aggregate, position,
                "BatchStageCompleted", 1, T0, "{}"), new CompletableFuture<>());
    }
}
