package dev.sneakerqc.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sneakerqc.infra.support.FreePorts;

class KafkaBrokerTest {

    private static final String TOPIC = "batches";

    @Test
    void keepsPortAndRecordsAcrossARestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
            String bootstrap = broker.bootstrapServers();
            produce(bootstrap, 0, 10);
            assertEquals(values(0, 10), consumeAll(bootstrap, 10));

            broker.stop();
            assertFalse(broker.isRunning());
            assertFalse(FreePorts.accepts(broker.port()), "the broker is really down");

            broker.start();
            assertEquals(bootstrap, broker.bootstrapServers(), "same address after restart");
            assertEquals(values(0, 10), consumeAll(bootstrap, 10), "records survive the restart");
            produce(bootstrap, 10, 11);
            assertEquals(values(0, 11), consumeAll(bootstrap, 11));
        }
    }

    @Test
    void consumerPerformanceReadsTheTopicAndLeavesNoWorkingDirectory(@TempDir Path workParent) throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
            String bootstrap = broker.bootstrapServers();
            produce(bootstrap, 0, 20);

            ConsumerPerformanceTool.Result result = ConsumerPerformanceTool.run(bootstrap, TOPIC, 20, workParent);

            assertEquals(20, result.records(), result.output());
            assertTrue(result.recordsPerSecond() > 0, result.output());
            try (Stream<Path> left = Files.list(workParent)) {
                assertEquals(List.of(), left.toList(), "the tool's working directory is removed after the run");
            }
        }
    }

    private static void produce(String bootstrap, int from, int to) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                // One key, so one partition, so the order is kept.
                producer.send(new ProducerRecord<>(TOPIC, "batch", "record-" + i)).get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertTrue(values.size() >= expected, "consumed " + values);
        return values;
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("record-" + i);
        }
        return values;
    }
}
