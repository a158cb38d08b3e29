package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers hold applied events' offsets for up to {@code qc.consumer.commit-interval} (here an hour, so that
 * nothing is committed on time) and commit them when their partitions are revoked: a member joining the group
 * finds its partitions committed up to their end, so it applies nothing twice.
 */
@QcTest
@TestProfile(OffsetCommitTest.HoldOffsets.class)
class OffsetCommitTest {

    private static final String GROUP = "qc-service";

    public static class HoldOffsets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qc.consumer.commit-interval", "1h");
        }
    }

    @Test
    void heldOffsetsAreCommittedWhenPartitionsAreRevoked() throws Exception {
        int partitions = ConfigProvider.getConfig().getValue("kafka-topics.partitions", Integer.class);
        int consumers = ConfigProvider.getConfig().getValue("qc.consumer.threads", Integer.class);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        // A rebalance still going on after start-up would commit the events below when it revokes their partitions.
        awaitSettledGroup(bootstrap, consumers, partitions);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        String factory = QcFixtures.uniqueCode("O", 6);
        List<UUID> batches = new ArrayList<>();
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            // A batch on every partition, so that whichever partitions move, they hold applied offsets.
            Set<Integer> covered = new HashSet<>();
            while (covered.size() < partitions) {
                List<EventEnvelope> events = Inspections.finishedBatchEvents(profile, factory, "990", 300);
                if (covered.add(partitionOf(events.getFirst().aggregateKey(), partitions))) {
                    writer.write(events);
                    batches.add(events.getFirst().batchId());
                }
            }
        }
        batches.forEach(batch -> Inspections.awaitStatus(batch, "OPEN"));

        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> joining = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(Topics.PRODUCTION_EVENTS, partition))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = joining.endOffsets(all);
            assertThat(committedOffsets(joining, all)).as("every event applied, none committed within the hour")
                    .allSatisfy((partition, committed) -> assertThat(committed).isLessThan(ends.get(partition)));

            // Joining the group moves partitions to this member: their consumers commit what they hold first.
            joining.subscribe(List.of(Topics.PRODUCTION_EVENTS));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (joining.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
                joining.poll(Duration.ZERO); // joins the group; records it may fetch are not looked at
                Thread.sleep(100);
            }
            Set<TopicPartition> moved = joining.assignment();
            assertThat(moved).as("partitions given to the joining member").isNotEmpty();
            assertThat(committedOffsets(joining, moved)).as("committed when they were revoked")
                    .allSatisfy((partition, committed) -> assertThat(committed).isEqualTo(ends.get(partition)));
        }
    }

    /**
     * Waits until the service's consumers are the group's only members, stable, with every partition of
     * production-events among them and none without a share.
     */
    private static void awaitSettledGroup(String bootstrap, int consumers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("the service's consumer group settled").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                            .get(10, TimeUnit.SECONDS), group -> settled(group, consumers, partitions));
        }
    }

    private static boolean settled(ConsumerGroupDescription group, int consumers, int partitions) {
        List<Set<TopicPartition>> shares = group.members().stream()
                .map(member -> member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(Topics.PRODUCTION_EVENTS))
                        .collect(Collectors.toSet()))
                .toList();
        return group.groupState() == GroupState.STABLE
                && shares.size() == consumers
                && shares.stream().noneMatch(Set::isEmpty)
                && shares.stream().mapToInt(Set::size).sum() == partitions;
    }

    /** Committed offsets of the partitions, -1 for a partition with none. */
    private static Map<TopicPartition, Long> committedOffsets(KafkaConsumer<?, ?> consumer,
                                                              Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(partition -> offsets.put(partition,
                committed.get(partition) == null ? -1L : committed.get(partition).offset()));
        return offsets;
    }

    /** The partition Kafka's default partitioner puts a key in. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
