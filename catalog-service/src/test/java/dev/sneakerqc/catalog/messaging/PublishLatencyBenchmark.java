package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How promptly a committed change reaches Kafka. Prints (and writes to
 * {@code target/benchmarks/publish-latency.txt}) two figures, p50 and p99:
 * <ul>
 *   <li>the relay's own {@code outbox.publish.latency}: from the change (event {@code occurredAt}) to Kafka's
 *   acknowledgement;</li>
 *   <li>commit to consumer: from the HTTP response of the write (sent after the commit) to a plain consumer
 *   receiving the event.</li>
 * </ul>
 * Writes are sequential, one at a time, so each measures the quiet path, not queueing under load. Asserts only
 * that every event arrived; the figures are for reading, not for passing.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class PublishLatencyBenchmark {

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
            try (ProductionEventsReader reader = new ProductionEventsReader()) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record :
                            reader.readFor(Set.copyOf(wanted), Duration.ofMillis(50))) {
                        EventEnvelope event = EventJson.read(record.value());
                        receivedAt.putIfAbsent(record.key() + "#" + event.sequence(), System.nanoTime());
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
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String report = """
                Outbox publish latency (%d sequential writes after %d warm-up; %d cores)
                  relay, change -> Kafka ack:        p50 %s ms   p99 %s ms   (outbox_publish_latency_seconds)
                  commit -> plain consumer receives: p50 %.1f ms   p99 %.1f ms   max %.1f ms
                """.formatted(committedAt.size(), WARM_UP_BATCHES * 6, Runtime.getRuntime().availableProcessors(),
                quantile(metrics, "0.5"), quantile(metrics, "0.99"),
                percentile(endToEnd, 50), percentile(endToEnd, 99), endToEnd.getLast());
        System.out.println(report);
        write(report);
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String quantile(String metrics, String quantile) {
        Matcher matcher = Pattern.compile("outbox_publish_latency_seconds\\{[^}]*quantile=\"" + Pattern.quote(quantile)
                + "\"[^}]*} ([0-9.eE+-]+)").matcher(metrics);
        return matcher.find() ? "%.1f".formatted(Double.parseDouble(matcher.group(1)) * 1000) : "n/a";
    }

    private static void write(String report) throws IOException {
        Path file = Path.of("target", "benchmarks", "publish-latency.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }
}
