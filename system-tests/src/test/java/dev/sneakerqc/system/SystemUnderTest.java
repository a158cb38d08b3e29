package dev.sneakerqc.system;

import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.TestInfrastructures;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog and one QC service, as packaged applications in their own processes, against the shared real
 * PostgreSQL and Kafka; started once for all system tests of the JVM and stopped when it exits.
 */
final class SystemUnderTest {

    static final List<String> STAGES = List.of("MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED");

    private static SystemUnderTest instance;

    final TestInfrastructure infra;
    final ServiceProcess catalog;
    final ServiceProcess qc;

    private SystemUnderTest() {
        infra = TestInfrastructures.shared();
        infra.createDatabase("catalog_system");
        infra.createDatabase("qc_system");
        catalog = new ServiceProcess("catalog-service", "catalog.app", environment("catalog_system")).start();
        qc = startQc("qc-service");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            qc.close();
            catalog.close();
        }));
    }

    static synchronized SystemUnderTest get() {
        if (instance == null) {
            instance = new SystemUnderTest();
        }
        return instance;
    }

    /** Another QC instance on the same database and consumer group. */
    ServiceProcess startQc(String name) {
        Map<String, String> environment = environment("qc_system");
        environment.put("QUARKUS_REST_CLIENT_CATALOG_URL", catalog.url());
        return new ServiceProcess(name, "qc.app", environment).start();
    }

    Map<String, String> environment(String database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        return environment;
    }

    RequestSpecification catalogApi() {
        return given().baseUri(catalog.url()).contentType(ContentType.JSON);
    }

    RequestSpecification qcApi() {
        return given().baseUri(qc.url()).contentType(ContentType.JSON);
    }

    /** A factory, a model with a QC profile; returns the style code. */
    String model(String factoryCode, String styleCode) {
        catalogApi().body(Map.of("code", factoryCode, "name", "Factory " + factoryCode, "city", "Norway",
                "region", "ME", "country", "US")).post("/api/factories").then().statusCode(201);
        catalogApi().body(Map.of("styleCode", styleCode, "name", "990v6 Grey", "line", "990", "category", "RUNNING",
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
                .put("/api/models/{style}/qc-profile", styleCode).then().statusCode(201);
        return styleCode;
    }

    /** Plans a batch and walks it through every stage; returns its id. */
    String finishedBatch(String styleCode, String factoryCode, int quantity) {
        String id = catalogApi().body(Map.of("styleCode", styleCode, "factoryCode", factoryCode, "quantity", quantity,
                        "materialLots", List.of(Map.of("component", "OUTSOLE", "supplierLotNumber", "VIB-22-0917"))))
                .post("/api/batches").then().statusCode(201).extract().path("id");
        for (String stage : STAGES) {
            catalogApi().body(Map.of("stage", stage)).post("/api/batches/{id}/stages", id).then().statusCode(200);
        }
        return id;
    }

    /** Waits until QC's consumer group has read production-events to its end. */
    void awaitQcCaughtUp() {
        Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (Admin admin = Admin.create(settings)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("qc-service")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(partition -> partition.topic().equals("production-events"))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                assertThat(latest).isNotEmpty();
                ends.forEach((partition, end) -> assertThat(committed.get(partition).offset())
                        .as("qc-service offset on %s", partition).isEqualTo(end.offset()));
            });
        }
    }
}
