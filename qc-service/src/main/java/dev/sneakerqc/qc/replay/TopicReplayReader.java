package dev.sneakerqc.qc.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads a topic's partitions from their beginning up to given end offsets, outside any consumer group. */
final class TopicReplayReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    TopicReplayReader(Map<String, Object> kafkaConfig) {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "qc-replay");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The records of a poll, and the fetch responses they point into, stay in memory until applied, a few polls
        // at a time. Every young collection copies them, and what outgrows the survivor space fills the old
        // generation until a full collection: polls of 500 records and fetches of 2 MB stay small beside the young
        // generation (with polls of 2,000 and fetches of 8 MB, a third of a rebuild was spent collecting).
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * 1024 * 1024);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos == null ? List.of() : infos.stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    Map<TopicPartition, Long> beginnings(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
    }

    Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    /**
     * Feeds every record below its partition's end offset to {@code each}, a poll's worth at a time, partition
     * order kept.
     */
    void read(Map<TopicPartition, Long> ends, Consumer<List<ConsumerRecord<String, byte[]>>> each) {
        List<TopicPartition> partitions = ends.entrySet().stream().filter(end -> end.getValue() > 0)
                .map(Map.Entry::getKey).toList();
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        partitions.forEach(partition -> remaining.put(partition, ends.get(partition)));
        remaining.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
        while (!remaining.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(partition);
                if (end != null && record.offset() < end) {
                    polled.add(record);
                }
            }
            if (!polled.isEmpty()) {
                each.accept(polled);
            }
            remaining.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            consumer.pause(partitions.stream().filter(partition -> !remaining.containsKey(partition)).toList());
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
