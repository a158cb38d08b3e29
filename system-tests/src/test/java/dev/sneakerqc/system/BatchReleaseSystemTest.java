package dev.sneakerqc.system;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.TestInfrastructures;
import dev.sneakerqc.infra.kafka.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Both services as separate processes against real PostgreSQL and Kafka: a planner plans a batch and walks it
 * through production, QC samples it, a technician records the durability tests, and the batch is released or
 * rejected in the catalog, with nobody re-typing anything.
 */
class BatchReleaseSystemTest {

    private static final List<String> STAGES =
            List.of("MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED");
    private static TestInfrastructure infra;
    private static ServiceProcess catalog;
    private static ServiceProcess qc;

    @BeforeAll
    static void startServices() {
        infra = TestInfrastructures.shared();
        infra.createDatabase("catalog_system");
        infra.createDatabase("qc_system");
        catalog = new ServiceProcess("catalog-service", "catalog.app", environment("catalog_system")).start();
        Map<String, String> qcEnvironment = environment("qc_system");
        qcEnvironment.put("QUARKUS_REST_CLIENT_CATALOG_URL", catalog.url());
        qc = new ServiceProcess("qc-service", "qc.app", qcEnvironment).start();
    }

    @AfterAll
    static void stopServices() {
        if (qc != null) {
            qc.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    private static Map<String, String> environment(String database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        return environment;
    }

    private static RequestSpecification catalogApi() {
        return given().baseUri(catalog.url()).contentType(ContentType.JSON);
    }

    private static RequestSpecification qcApi() {
        return given().baseUri(qc.url()).contentType(ContentType.JSON);
    }

    @Test
    void aPassingBatchIsReleasedAndAFailingOneRejected() throws Exception {
        catalogApi().body(Map.of("code", "SKO", "name", "Skowhegan", "city", "Skowhegan", "region", "ME",
                "country", "US")).post("/api/factories").then().statusCode(201);
        catalogApi().body(Map.of("styleCode", "M990GL6", "name", "990v6 Grey", "line", "990", "category", "RUNNING",
                "billOfMaterials", List.of(
                        Map.of("component", "UPPER", "material", "pigskin suede", "originCountry", "US",
                                "unitValueCents", 5200),
                        Map.of("component", "OUTSOLE", "material", "blown rubber", "originCountry", "CN",
                                "unitValueCents", 1800),
                        Map.of("component", "LABOUR", "material", "lasting, Maine", "originCountry", "US",
                                "unitValueCents", 3000)))).post("/api/models").then().statusCode(201);
        catalogApi().body(Map.of("inspectionLevel", "S-3", "aql", Map.of("MAJOR", 2.5, "MINOR", 4.0), "tests", List.of(
                        Map.of("method", "SOLE_BOND", "defectClass", "CRITICAL", "min", 3.5),
                        Map.of("method", "OUTSOLE_FLEX", "defectClass", "MAJOR", "max", 4.0),
                        Map.of("method", "RUB_FASTNESS", "defectClass", "MINOR", "min", 3))))
                .put("/api/models/M990GL6/qc-profile").then().statusCode(201);

        String released = finishedBatch(200);
        String rejected = finishedBatch(200);

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

        try (TopicReader production = new TopicReader(infra.kafkaBootstrapServers(), "production-events")) {
            List<ConsumerRecord<String, byte[]>> records = production.readUntil(Set.of(released, rejected),
                    found -> found.size() >= 14, Duration.ofSeconds(30));
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(EventSchemas.violations(EventJson.mapper().readTree(record.value()))).isEmpty();
            }
            assertThat(records.stream().map(record -> EventJson.read(record.value()).type()))
                    .contains("BatchReleased", "BatchRejected");
        }
        try (TopicReader qcEvents = new TopicReader(infra.kafkaBootstrapServers(), "qc-events")) {
            List<EventEnvelope> verdicts = qcEvents.readUntil(Set.of(released, rejected),
                            found -> found.stream().filter(r -> EventJson.read(r.value()).type().equals("VerdictIssued"))
                                    .count() >= 2, Duration.ofSeconds(30))
                    .stream().map(record -> EventJson.read(record.value()))
                    .filter(event -> event.type().equals("VerdictIssued")).toList();
            assertThat(verdicts).hasSize(2);
        }
    }

    private static String finishedBatch(int quantity) {
        String id = catalogApi().body(Map.of("styleCode", "M990GL6", "factoryCode", "SKO", "quantity", quantity,
                        "materialLots", List.of(Map.of("component", "OUTSOLE", "supplierLotNumber", "VIB-22-0917"))))
                .post("/api/batches").then().statusCode(201).extract().path("id");
        for (String stage : STAGES) {
            catalogApi().body(Map.of("stage", stage)).post("/api/batches/{id}/stages", id).then().statusCode(200);
        }
        return id;
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
