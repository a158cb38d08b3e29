package dev.sneakerqc.system;

import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.TestInfrastructures;
import dev.sneakerqc.infra.postgres.EmbeddedPostgres;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog and one QC service, as packaged applications in their own processes, against real PostgreSQL and
 * Kafka; started once for all system tests of the JVM and stopped when it exits. As in production, each service
 * has a database server of its own: the catalog's database is on the shared test server, QC's on a dedicated
 * {@link EmbeddedPostgres} that a test can stop and start.
 */
final class SystemUnderTest {

    static final List<String> STAGES = List.of("MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED");

    static final String QC_DATABASE = "qc_system";

    private static SystemUnderTest instance;

    final TestInfrastructure infra;
    /** QC's own PostgreSQL server. */
    final EmbeddedPostgres qcPostgres;
    final QcDatabase qcDatabase;
    final ServiceProcess catalog;
    final ServiceProcess qc;
    /** Further instances started by tests; stopped at exit if they are still running. */
    private final List<ServiceProcess> extraInstances = new CopyOnWriteArrayList<>();
    private final Map<String, String> catalogEnvironment;

    private SystemUnderTest() {
        infra = TestInfrastructures.shared();
        infra.createDatabase("catalog_system");
        // Closed by the hook below, after the QC processes using it.
        qcPostgres = EmbeddedPostgres.builder().settings(EmbeddedPostgres.FAST_TEST_SETTINGS).closeAtExit(false)
                .build().start();
        qcPostgres.createDatabase(QC_DATABASE);
        qcDatabase = new QcDatabase(qcPostgres.jdbcUrl(QC_DATABASE), qcPostgres.username(), qcPostgres.password());
        catalogEnvironment = kafkaEnvironment();
        catalogEnvironment.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl("catalog_system"));
        catalogEnvironment.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        catalogEnvironment.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        catalog = new ServiceProcess("catalog-service", "catalog.app", catalogEnvironment);
        qc = qcProcess("qc-service");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                for (ServiceProcess process : List.of(qc, catalog)) {
                    process.close();
                }
                extraInstances.forEach(ServiceProcess::close);
            } finally {
                qcPostgres.close();
            }
        }, "system-under-test-shutdown"));
        catalog.start();
        qc.start();
    }

    static synchronized SystemUnderTest get() {
        if (instance == null) {
            instance = new SystemUnderTest();
        }
        return instance;
    }

    /** Another QC instance, started, on the same database and consumer group; closed by the caller. */
    ServiceProcess startQc(String name) {
        ServiceProcess process = qcProcess(name);
        extraInstances.add(process);
        return process.start();
    }

    /** Another catalog instance, started, on the same database and broker; closed by the caller. */
    ServiceProcess startCatalog(String name) {
        ServiceProcess process = new ServiceProcess(name, "catalog.app", new HashMap<>(catalogEnvironment));
        extraInstances.add(process);
        return process.start();
    }

    private ServiceProcess qcProcess(String name) {
        Map<String, String> environment = kafkaEnvironment();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", qcPostgres.jdbcUrl(QC_DATABASE));
        environment.put("QUARKUS_DATASOURCE_USERNAME", qcPostgres.username());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", qcPostgres.password());
        environment.put("QUARKUS_REST_CLIENT_CATALOG_URL", catalog.url());
        return new ServiceProcess(name, "qc.app", environment);
    }

    private Map<String, String> kafkaEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        // A consumer that was killed keeps its partitions until its session times out (45 s by default) and the
        // group waits that long before giving them to a restarted instance: 10 s keeps the kill tests short.
        environment.put("KAFKA_SESSION_TIMEOUT_MS", "10000");
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
        String id = plannedBatch(styleCode, factoryCode, quantity);
        for (String stage : STAGES) {
            completeStage(id, stage);
        }
        return id;
    }

    /** Plans a batch (the catalog answers 201); returns its id. */
    String plannedBatch(String styleCode, String factoryCode, int quantity) {
        return catalogApi().body(Map.of("styleCode", styleCode, "factoryCode", factoryCode, "quantity", quantity,
                        "materialLots", List.of(Map.of("component", "OUTSOLE", "supplierLotNumber", "VIB-22-0917"))))
                .post("/api/batches").then().statusCode(201).extract().path("id");
    }

    /** Completes the batch's next stage (the catalog answers 200). */
    void completeStage(String batchId, String stage) {
        catalogApi().body(Map.of("stage", stage)).post("/api/batches/{id}/stages", batchId).then().statusCode(200);
    }

    /** Waits until QC shows each batch's inspection with the status. */
    void awaitInspections(Collection<String> batchIds, String status, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> others = batchIds.stream().filter(batch -> {
                var response = qcApi().get("/api/inspections/{id}", batch);
                return response.statusCode() != 200 || !status.equals(response.jsonPath().getString("status"));
            }).toList();
            assertThat(others).as("batches whose inspection is not %s yet (of %d)", status, batchIds.size())
                    .isEmpty();
        });
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
