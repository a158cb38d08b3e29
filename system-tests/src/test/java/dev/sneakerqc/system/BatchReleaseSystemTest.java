package dev.sneakerqc.system;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.infra.kafka.TopicReader;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Both services as separate processes against real PostgreSQL and Kafka: a planner plans a batch and walks it
 * through production, QC samples it, a technician records the durability tests, and the batch is released or
 * rejected in the catalog, with nobody re-typing anything.
 */
class BatchReleaseSystemTest {

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    private static RequestSpecification catalogApi() {
        return system.catalogApi();
    }

    private static RequestSpecification qcApi() {
        return system.qcApi();
    }

    @Test
    void aPassingBatchIsReleasedAndAFailingOneRejected() throws Exception {
        system.model("SKO", "M990GL6");
        String released = system.finishedBatch("M990GL6", "SKO", 200);
        String rejected = system.finishedBatch("M990GL6", "SKO", 200);

        // Lot 200 at S-3 is code letter D. MAJOR 2.5: D's cell points up to C (n 5, Ac 0 / Re 1);
        // MINOR 4.0: down to E (n 13, Ac 1 / Re 2); CRITICAL runs on all 13 sampled pairs.
        var opened = awaitInspection(released, "OPEN");
        int majorPairs = opened.getInt("classes.MAJOR.pairs");
        int minorPairs = opened.getInt("classes.MINOR.pairs");
        int allPairs = opened.getInt("samplePairs");
        assertThat(opened.getString("classes.MAJOR.codeLetter")).isEqualTo("D");
        assertThat(List.of(majorPairs, minorPairs, allPairs)).containsExactly(5, 13, 13);
        assertThat(opened.getInt("profileVersion")).isEqualTo(1);
        for (int pair = 1; pair <= allPairs; pair++) {
            record(released, pair, "SOLE_BOND", 4.2);
        }
        for (int pair = 1; pair <= majorPairs; pair++) {
            record(released, pair, "OUTSOLE_FLEX", 2.0);
        }
        // One pair fails rub fastness: 1 nonconforming is within MINOR's Ac 1.
        for (int pair = 1; pair <= minorPairs; pair++) {
            record(released, pair, "RUB_FASTNESS", pair == 3 ? 2 : 4);
        }
        awaitInspection(released, "ACCEPTED");
        awaitBatch(released, "RELEASED");

        awaitInspection(rejected, "OPEN");
        record(rejected, 1, "SOLE_BOND", 2.0);
        awaitInspection(rejected, "REJECTED");
        awaitBatch(rejected, "REJECTED");

        qcApi().get("/api/batches/{id}/durability", released).then().statusCode(200)
                .body("verdict", equalTo("ACCEPTED"))
                .body("methods.find { it.method == 'RUB_FASTNESS' }.failed", equalTo(1))
                .body("methods.find { it.method == 'SOLE_BOND' }.pairsTested", equalTo(13));

        try (TopicReader production = new TopicReader(system.infra.kafkaBootstrapServers(), "production-events")) {
            List<ConsumerRecord<String, byte[]>> records = production.readUntil(Set.of(released, rejected),
                    found -> found.size() >= 14, Duration.ofSeconds(30));
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(EventSchemas.violations(EventJson.mapper().readTree(record.value()))).isEmpty();
            }
            assertThat(records.stream().map(record -> EventJson.read(record.value()).type()))
                    .contains("BatchReleased", "BatchRejected");
        }
        try (TopicReader qcEvents = new TopicReader(system.infra.kafkaBootstrapServers(), "qc-events")) {
            List<EventEnvelope> verdicts = qcEvents.readUntil(Set.of(released, rejected),
                            found -> found.stream().filter(r -> EventJson.read(r.value()).type().equals("VerdictIssued"))
                                    .count() >= 2, Duration.ofSeconds(30))
                    .stream().map(record -> EventJson.read(record.value()))
                    .filter(event -> event.type().equals("VerdictIssued")).toList();
            assertThat(verdicts).hasSize(2);
        }
    }

    private static void record(String batchId, int pair, String method, double value) {
        qcApi().body(Map.of("sampleUnit", pair, "method", method, "value", value, "technician", "ana.lopez",
                "equipmentId", "SATRA-STM-603")).post("/api/inspections/{id}/results", batchId)
                .then().statusCode(201);
    }

    private static JsonPath awaitInspection(String batchId, String status) {
        JsonPath[] found = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var response = qcApi().get("/api/inspections/{id}", batchId);
            assertThat(response.statusCode()).isEqualTo(200);
            found[0] = response.jsonPath();
            assertThat(found[0].getString("status")).isEqualTo(status);
        });
        return found[0];
    }

    private static void awaitBatch(String batchId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                catalogApi().get("/api/batches/{id}", batchId).then().body("status", equalTo(status)));
    }
}
