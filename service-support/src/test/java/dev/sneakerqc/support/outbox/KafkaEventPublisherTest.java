package dev.sneakerqc.support.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round whose acknowledgements do not all come within {@code outbox.relay.acknowledgement-timeout} fails, and
 * the next round sends the unacknowledged events again on a new producer; the producer is asked for the settings
 * that keep a batch's events in order. The broker sits behind a process boundary; Kafka's {@link MockProducer}
 * stands in for it, acknowledging only what the test lets through.
 */
class KafkaEventPublisherTest {

    private static final String TOPIC = "production-events";
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aRoundNotAcknowledgedInTimeFailsAndTheNextOneSendsItsEventsAgainOnANewProducer() throws Exception {
        MockProducer<String, byte[]> stuck = producer(false);
        MockProducer<String, byte[]> healthy = producer(true);
        Deque<MockProducer<String, byte[]>> producers = new ArrayDeque<>(List.of(stuck, healthy));
        List<Producer<String, byte[]>> made = new ArrayList<>();
        KafkaEventPublisher publisher = new KafkaEventPublisher(Map.of(), config(), new SimpleMeterRegistry(),
                settings -> {
                    MockProducer<String, byte[]> next = producers.removeFirst();
                    made.add(next);
                    return next;
                });
        PendingEvent otherBatch = event(1, "batch-b", 1);
        PendingEvent first = event(2, "batch-a", 1);
        PendingEvent second = event(3, "batch-a", 2);

        // Kafka acknowledges the other batch's event and nothing after it, as a partition that stopped answering.
        // If the three sends never happen, it gives up after 10 s, so that the assertions below fail, not hang.
        Thread broker = Thread.ofPlatform().start(() -> {
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stuck.history().size() < 3 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            stuck.completeNext();
        });
        long started = System.nanoTime();
        PublishOutcome outcome = publisher.publish(List.of(otherBatch, first, second));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        broker.join();

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.published()).containsExactly(1L);
        assertThat(outcome.firstFailure()).isEqualTo(2L);
        assertThat(outcome.failureReason()).contains("not acknowledged by Kafka within");
        assertThat(waited).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(5));
        assertThat(stuck.closed()).as("the producer that stopped making progress is closed").isTrue();

        PublishOutcome retried = publisher.publish(List.of(first, second));

        assertThat(retried.failed()).isFalse();
        assertThat(retried.published()).containsExactly(2L, 3L);
        assertThat(made).containsExactly(stuck, healthy);
        assertThat(healthy.history()).extracting(ProducerRecord::key).containsExactly("batch-a", "batch-a");
        assertThat(healthy.history()).extracting(record -> new String(record.value()))
                .containsExactly(first.payload(), second.payload());
    }

    @Test
    void aRoundAcknowledgedInTimeKeepsItsProducer() {
        MockProducer<String, byte[]> healthy = producer(true);
        List<Producer<String, byte[]>> made = new ArrayList<>();
        KafkaEventPublisher publisher = new KafkaEventPublisher(Map.of(), config(), new SimpleMeterRegistry(),
                settings -> {
                    made.add(healthy);
                    return healthy;
                });

        assertThat(publisher.publish(List.of(event(1, "batch-a", 1))).published()).containsExactly(1L);
        assertThat(publisher.publish(List.of(event(2, "batch-a", 2))).published()).containsExactly(2L);

        assertThat(made).hasSize(1);
        assertThat(healthy.closed()).isFalse();
    }

    @Test
    void theProducerKeepsABatchsOrderWhateverTheApplicationsKafkaSettingsSay() {
        List<Map<String, Object>> asked = new ArrayList<>();
        Map<String, Object> applicationSettings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        KafkaEventPublisher publisher = new KafkaEventPublisher(applicationSettings, config(),
                new SimpleMeterRegistry(), settings -> {
                    asked.add(settings);
                    return producer(true);
                });

        publisher.publish(List.of(event(1, "batch-a", 1)));

        // Idempotent, acknowledged by every replica, one request in flight (a refused request is retried before
        // anything after it goes), and records that never expire (a later one cannot overtake an expired one).
        assertThat(asked).singleElement().satisfies(settings -> assertThat(settings)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE));
    }

    private static MockProducer<String, byte[]> producer(boolean acknowledgesEverything) {
        Node broker = new Node(1, "localhost", 9092);
        Cluster cluster = new Cluster("test", List.of(broker),
                List.of(new PartitionInfo(TOPIC, 0, broker, new Node[]{broker}, new Node[]{broker})), Set.of(), Set.of());
        return new MockProducer<>(cluster, acknowledgesEverything, null, new StringSerializer(),
                new ByteArraySerializer());
    }

    private static PendingEvent event(long position, String batch, long sequence) {
        return new PendingEvent(position, UUID.randomUUID(), TOPIC, batch, sequence, "BatchStageCompleted", 1,
                Instant.now(), "{\"position\":" + position + "}");
    }

    private static OutboxConfig config() {
        return new TestConfig("/test", new TestRelay(true, 500, Duration.ofMillis(500), Duration.ZERO,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), TIMEOUT));
    }

    private record TestConfig(String source, OutboxConfig.Relay relay) implements OutboxConfig {
    }

    private record TestRelay(boolean enabled, int batchSize, Duration pollInterval, Duration linger,
                             Duration leadershipRetry, Duration maxBackoff, Duration metadataWait,
                             Duration acknowledgementTimeout) implements OutboxConfig.Relay {
    }
}
