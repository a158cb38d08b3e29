package dev.sneakerqc.infra.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a topic in tests with a plain Kafka consumer, as any outside consumer would: no consumer group, every
 * partition from the beginning, committed records only.
 */
public final class TopicReader implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Polls until the records with the given keys satisfy the condition or the timeout passes; returns the
     * records of those keys in the order read (per partition, the topic's order).
     */
    public List<ConsumerRecord<String, byte[]>> readUntil(Set<String> keys,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) {
        return readUntil(record -> keys.contains(record.key()), done, timeout);
    }

    /** Polls until the records matching {@code which} satisfy the condition or the timeout passes. */
    public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> which,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            pollOnce(Duration.ofMillis(200));
            List<ConsumerRecord<String, byte[]>> matching = seen.stream().filter(which).toList();
            if (done.test(matching) || Instant.now().isAfter(deadline)) {
                return matching;
            }
        }
    }

    /** Reads for a while and returns every record with the given keys (to check that nothing else arrives). */
    public List<ConsumerRecord<String, byte[]>> readFor(Set<String> keys, Duration duration) {
        return readUntil(keys, records -> false, duration);
    }

    /** One poll: the records that arrived since the last call (of any key). */
    public List<ConsumerRecord<String, byte[]>> pollOnce(Duration timeout) {
        assignWhenTopicExists();
        List<ConsumerRecord<String, byte[]>> arrived = new ArrayList<>();
        consumer.poll(timeout).forEach(arrived::add);
        seen.addAll(arrived);
        return arrived;
    }

    private void assignWhenTopicExists() {
        if (!consumer.assignment().isEmpty()) {
            return;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
