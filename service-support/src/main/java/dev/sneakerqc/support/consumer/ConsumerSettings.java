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
 */
public record ConsumerSettings(String topic, String groupId, int maxPollRecords, Duration maxBackoff,
                               int attemptsBeforeIsolating, int attemptsPerRecord, int consumers) {

    public ConsumerSettings {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, not " + consumers);
        }
    }

    public static ConsumerSettings of(String topic, String groupId) {
        return new ConsumerSettings(topic, groupId, 500, Duration.ofSeconds(10), 2, 3, 1);
    }

    public ConsumerSettings withMaxPollRecords(int records) {
        return new ConsumerSettings(topic, groupId, records, maxBackoff, attemptsBeforeIsolating, attemptsPerRecord,
                consumers);
    }

    public ConsumerSettings withConsumers(int count) {
        return new ConsumerSettings(topic, groupId, maxPollRecords, maxBackoff, attemptsBeforeIsolating,
                attemptsPerRecord, count);
    }
}
