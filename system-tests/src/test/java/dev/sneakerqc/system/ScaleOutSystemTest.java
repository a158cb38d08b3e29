package dev.sneakerqc.system;

import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.infra.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Two QC instances in one consumer group split the partitions, and every event is applied once across them. */
class ScaleOutSystemTest {

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void twoInstancesShareTheWorkAndApplyEveryEventOnce() {
        String style = system.model("MET", "M990SCALE");
        List<String> batches = new ArrayList<>();
        try (ServiceProcess second = system.startQc("qc-service-2")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<Integer> first = assigned(system.qc.url());
                List<Integer> other = assigned(second.url());
                assertThat(first).isNotEmpty();
                assertThat(other).isNotEmpty();
                assertThat(first).doesNotContainAnyElementsOf(other);
                Set<Integer> all = new HashSet<>(first);
                all.addAll(other);
                assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            });
            for (int i = 0; i < 24; i++) {
                batches.add(system.finishedBatch(style, "MET", 100));
            }
            for (String batch : batches) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        given().baseUri(second.url()).get("/api/inspections/{id}", batch)
                                .then().statusCode(200).body("status", equalTo("OPEN")));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(assigned(system.qc.url())).containsExactly(0, 1, 2, 3, 4, 5));

        try (TopicReader qcEvents = new TopicReader(system.infra.kafkaBootstrapServers(), "qc-events")) {
            Set<String> keys = new HashSet<>(batches);
            qcEvents.readUntil(keys, found -> found.size() >= batches.size(), Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = qcEvents.readFor(keys, Duration.ofSeconds(2));
            Map<String, Long> openedPerBatch = records.stream()
                    .filter(record -> EventJson.read(record.value()).type().equals("InspectionOpened"))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(openedPerBatch).hasSize(batches.size());
            assertThat(openedPerBatch.values()).containsOnly(1L);
        }
    }

    /** The production-events partitions an instance reads, from its readiness report. */
    private static List<Integer> assigned(String url) {
        String text = given().baseUri(url).get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'consumers' }.data.'production-events.assignedPartitions'");
        if (text == null || text.equals("[]")) {
            return List.of();
        }
        return List.of(text.replace("[", "").replace("]", "").split(",")).stream().map(String::strip)
                .map(Integer::parseInt).sorted().toList();
    }
}
