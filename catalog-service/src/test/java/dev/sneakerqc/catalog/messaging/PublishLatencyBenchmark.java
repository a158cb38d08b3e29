package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How promptly a committed change reaches Kafka. Prints (and writes to
 * {@code target/benchmarks/publish-latency.txt}) two figures, p50 and p99:
 * <ul>
 *   <li>relay: from the change (the event's {@code occurredAt}, taken in the writing transaction) to the outbox
 *   row marked published, which happens right after Kafka's acknowledgement, read from the outbox table;</li>
 *   <li>commit to consumer: from the HTTP response of the write (sent after the commit) to a plain consumer
 *   receiving the event.</li>
 * </ul>
 * Writes are sequential, one at a time, so each measures the quiet path, not queueing under load. Asserts only
 * that every event arrived; the figures are for reading, not for passing.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class PublishLatencyBenchmark {

    @Inject
    EntityManager entityManager;

    private static final int BATCHES = 50;
    private static final int WARM_UP_BATCHES = 10;

    @Test
    void measuresCommitToKafkaLatency() throws Exception {
        String styleCode = model(bomWithUsShare(800));
        String factoryCode = factory("US");
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            String id = batch(styleCode, factoryCode);
            STAGES.forEach(stage -> completeStage(id, stage));
        }

        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try (TopicReader reader = ProductionEventsReader.open()) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : reader.pollOnce(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        EventEnvelope event = EventJson.read(record.value());
                        receivedAt.putIfAbsent(record.key() + "#" + event.sequence(), now);
                    }
                }
            }
        });
        Thread.sleep(2_000); // let the consumer assign partitions and reach the end of the topic

        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        for (int i = 0; i < BATCHES; i++) {
            String id = batch(styleCode, factoryCode);
            committedAt.put(id + "#1", System.nanoTime());
            wanted.add(id);
            for (int s = 0; s < STAGES.size(); s++) {
                completeStage(id, STAGES.get(s));
                committedAt.put(id + "#" + (s + 2), System.nanoTime());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!receivedAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        reading.set(false);
        consumer.join();
        assertThat(receivedAt.keySet()).containsAll(committedAt.keySet());

        List<Double> endToEnd = new ArrayList<>();
        committedAt.forEach((key, start) -> endToEnd.add(Math.max(0, receivedAt.get(key) - start) / 1e6));
        Collections.sort(endToEnd);
        List<Double> relay = relayLatencies(wanted);
        String report = """
                Outbox publish latency (%d sequential writes after %d warm-up; %d cores)
                  relay, change -> acknowledged by Kafka: p50 %.1f ms   p99 %.1f ms   max %.1f ms
                  commit -> plain consumer receives:     p50 %.1f ms   p99 %.1f ms   max %.1f ms
                """.formatted(committedAt.size(), WARM_UP_BATCHES * 6, Runtime.getRuntime().availableProcessors(),
                percentile(relay, 50), percentile(relay, 99), relay.getLast(),
                percentile(endToEnd, 50), percentile(endToEnd, 99), endToEnd.getLast());
        System.out.println(report);
        write(report);
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Change-to-published times of the batches' events, in milliseconds, sorted. */
    private List<Double> relayLatencies(Set<String> batchIds) {
        @SuppressWarnings("unchecked")
        List<Number> millis = entityManager.createNativeQuery("""
                        select extract(epoch from (published_at - occurred_at)) * 1000
                          from outbox_event where aggregate_id in (?1) order by 1""")
                .setParameter(1, batchIds)
                .getResultList();
        return millis.stream().map(Number::doubleValue).toList();
    }

    private static void write(String report) throws IOException {
        Path file = Path.of("target", "benchmarks", "publish-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }
}
