package dev.sneakerqc.support.consumer;

import java.time.Duration;

/**
 * How a {@link KafkaEventConsumer} reads.
 *
 * @param topic          the topic
 * @param groupId        the consumer group; instances of a service share it and split the partitions
 * @param maxPollRecords records applied per transaction at most
 * @param maxBackoff     longest pause between attempts while a batch fails
 * @param attemptsBeforeIsolating failed attempts of a whole batch before its records are applied one by one
 * @param attemptsPerRecord       failed attempts of a single record (not transient) before it is dead-lettered
 * @param consumers      consumers (threads) per instance, members of the group each: one applies its partitions'
 *                       records while another waits for its database commit
 * @param commitInterval how long a consumer may hold applied records' offsets before committing them to Kafka:
 *                       the offsets of the batches applied meanwhile go in one commit. Zero commits after every
 *                       batch. Offsets not yet committed are committed when partitions are revoked and when the
 *                       consumer closes; after a crash their records are delivered again, which the idempotent
 *                       handlers pass over.
 */
public record ConsumerSettings(String topic, String groupId, int maxPollRecords, Duration maxBackoff,
                               int attemptsBeforeIsolating, int attemptsPerRecord, int consumers,
                               Duration commitInterval) {

    /** The default {@link #commitInterval}. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public ConsumerSettings {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, not " + consumers);
        }
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("commitInterval must not be negative, not " + commitInterval);
        }
    }

    public static ConsumerSettings of(String topic, String groupId) {
        return new ConsumerSettings(topic, groupId, 500, Duration.ofSeconds(10), 2, 3, 1, DEFAULT_COMMIT_INTERVAL);
    }

    public ConsumerSettings withMaxPollRecords(int records) {
        return new ConsumerSettings(topic, groupId, records, maxBackoff, attemptsBeforeIsolating, attemptsPerRecord,
                consumers, commitInterval);
    }

    public ConsumerSettings withConsumers(int count) {
        return new ConsumerSettings(topic, groupId, maxPollRecords, maxBackoff, attemptsBeforeIsolating,
                attemptsPerRecord, count, commitInterval);
    }

    public ConsumerSettings withCommitInterval(Duration interval) {
        return new ConsumerSettings(topic, groupId, maxPollRecords, maxBackoff, attemptsBeforeIsolating,
                attemptsPerRecord, consumers, interval);
    }
}
