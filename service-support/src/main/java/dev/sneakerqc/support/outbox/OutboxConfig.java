package dev.sneakerqc.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of the transactional outbox and its relay to Kafka ({@code outbox.*}). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code ce_source} of every event this service emits. */
    String source();

    Relay relay();

    interface Relay {
        /** Whether this instance runs the relay at all (it still competes for leadership with other instances). */
        @WithDefault("true")
        boolean enabled();

        /** Events read and published per round. */
        @WithDefault("500")
        int batchSize();

        /**
         * Longest wait between rounds when nothing signalled new events. Commits in this JVM wake the relay at
         * once; the interval only bounds the delay for events committed by other instances.
         */
        @WithDefault("500ms")
        Duration pollInterval();

        /**
         * Pause after a round that published fewer than {@link #batchSize()} events, before the next one, so that
         * events committed meanwhile go out together: a busy relay publishes in rounds of many events (one Kafka
         * request, one database round trip each) instead of one round per commit. An event committed while the
         * relay is idle still goes out at once; one committed during the pause waits at most this long. {@code 0}:
         * none.
         */
        @WithDefault("10ms")
        Duration linger();

        /** How often a non-leader instance tries to become the relaying instance. */
        @WithDefault("2s")
        Duration leadershipRetry();

        /** Longest pause between attempts after a failure (database or Kafka); backoff doubles up to it. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Longest a send may block waiting for topic metadata before the round is retried. */
        @WithDefault("10s")
        Duration metadataWait();

        /**
         * Longest a round waits for Kafka's acknowledgements once its events are sent. Past it the round fails:
         * the producer is closed at once and a new one sends the unacknowledged events again, in outbox order.
         * The producer itself never expires a record (that could let a later event of a batch overtake an earlier
         * one), so without this bound a producer that stopped making progress would hold the relay for good, as one
         * did in CI after a broker restart: a partition answered {@code OUT_OF_ORDER_SEQUENCE_NUMBER} to every
         * retry (see the producer settings in {@link KafkaEventPublisher}).
         */
        @WithDefault("30s")
        Duration acknowledgementTimeout();
    }
}
