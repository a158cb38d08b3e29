package dev.sneakerqc.system;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.infra.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The records of a topic for a set of keys (batch ids), read with a plain consumer from the beginning. */
final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Waits until the records of these keys satisfy {@code done}, failing with {@code what} if they do not within
     * the timeout; returns them in topic order (per partition, hence per key).
     */
    static List<ConsumerRecord<String, byte[]>> await(String bootstrapServers, String topic, Set<String> keys,
                                                      String what, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                      Duration timeout) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(keys, done, timeout);
            assertThat(done.test(records)).as("%s on %s within %s s (%d records of %d keys read)", what, topic,
                    timeout.toSeconds(), records.size(), keys.size()).isTrue();
            return records;
        }
    }

    /**
     * Every record of these keys up to the end of the topic as of now (committed records only): exact, with no
     * waiting for what may still come.
     */
    static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, String topic, Set<String> keys) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (keys.contains(record.key())
                            && record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }

    static EventEnvelope event(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value());
    }

    /** The events of each key in topic order. */
    static Map<String, List<EventEnvelope>> eventsByKey(Collection<ConsumerRecord<String, byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                Collectors.mapping(TopicRecords::event, Collectors.toList())));
    }

    /**
     * How many distinct events (by event id) of the type each key has. A relay delivers at least once: after a
     * crash between Kafka's acknowledgement and marking the event published, the same event (same id) can be on
     * the topic twice, and consumers deduplicate it; a second event would be a second state change.
     */
    static Map<String, Long> eventsOfType(Collection<ConsumerRecord<String, byte[]>> records, String type) {
        return records.stream().map(TopicRecords::event).filter(event -> event.type().equals(type))
                .collect(Collectors.groupingBy(EventEnvelope::aggregateKey,
                        Collectors.collectingAndThen(Collectors.mapping(EventEnvelope::eventId, Collectors.toSet()),
                                ids -> (long) ids.size())));
    }

    /** How many distinct events (by event id) the records carry. */
    static long distinctEvents(Collection<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> event(record).eventId()).distinct().count();
    }
}
