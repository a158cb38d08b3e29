package dev.sneakerqc.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Topic ends and consumer group positions, through Kafka's Admin client. */
public final class Kafka implements AutoCloseable {

    private final Admin admin;

    public Kafka(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** The end offset of each partition of {@code topic} (empty when the topic does not exist). */
    public Map<TopicPartition, Long> ends(String topic) {
        try {
            var described = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = described.get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw new BenchFailure("cannot read the ends of " + topic + ": " + e.getCause(), e);
        } catch (Exception e) {
            throw new BenchFailure("cannot read the ends of " + topic + ": " + e, e);
        }
    }

    /** Records in {@code topic}: the sum of its partitions' end offsets (the topics are never compacted or trimmed). */
    public long records(String topic) {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many records of {@code topic} the group has not committed yet. */
    public long lag(String group, String topic) {
        Map<TopicPartition, Long> ends = ends(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += end.getValue() - (position == null ? 0 : position.offset());
        }
        return lag;
    }

    public Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        } catch (Exception e) {
            throw new BenchFailure("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
