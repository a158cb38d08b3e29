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
 */
public record ConsumerSettings(String topic, String groupId, int maxPollRecords, Duration maxBackoff,
                               int attemptsBeforeIsolating, int attemptsPerRecord) {

    public static ConsumerSettings of(String topic, String groupId) {
        return new ConsumerSettings(topic, groupId, 500, Duration.ofSeconds(10), 2, 3);
    }

    public ConsumerSettings withMaxPollRecords(int records) {
        return new ConsumerSettings(topic, groupId, records, maxBackoff, attemptsBeforeIsolating, attemptsPerRecord);
    }
}
