package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.contract.CloudEventHeaders;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.production.BatchQcOutcome;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassOutcome;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.contract.qc.VerdictIssued;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.infra.kafka.TopicWriter;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** QC's verdicts on qc-events release or reject batches, once each, and the change is itself an event. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class VerdictConsumptionTest {

    private TopicWriter qcEvents;

    @BeforeEach
    void setUp() {
        qcEvents = new TopicWriter(bootstrap(), "qc-events");
    }

    @AfterEach
    void tearDown() {
        qcEvents.close();
    }

    @Test
    void anAcceptedVerdictReleasesTheBatchOnce() throws Exception {
        String batchId = finishedBatch();
        EventEnvelope verdict = verdict(batchId, Verdict.ACCEPTED, 75);
        publish(verdict);
        awaitStatus(batchId, "RELEASED");
        publish(verdict);

        List<ConsumerRecord<String, byte[]>> production;
        try (TopicReader reader = ProductionEventsReader.open()) {
            reader.readUntil(Set.of(batchId), found -> found.size() >= 7, Duration.ofSeconds(30));
            production = reader.readFor(Set.of(batchId), Duration.ofSeconds(2));
        }
        assertThat(production).hasSize(7);
        EventEnvelope released = EventJson.read(production.getLast().value());
        assertThat(EventSchemas.violations(EventJson.mapper().readTree(production.getLast().value()))).isEmpty();
        assertThat(released.type()).isEqualTo("BatchReleased");
        assertThat(released.sequence()).isEqualTo(7);
        BatchQcOutcome outcome = released.dataAs(ProductionEvents.BATCH_RELEASED);
        assertThat(outcome.verdictEventId()).isEqualTo(verdict.eventId());
        given().contentType("application/json").body(Map.of("stage", "FINISHED"))
                .post("/api/batches/{id}/stages", batchId).then().statusCode(409)
                .body("batchStatus", equalTo("RELEASED"));
    }

    @Test
    void aRejectedVerdictRejectsTheBatch() {
        String batchId = finishedBatch();
        publish(verdict(batchId, Verdict.REJECTED, 3));
        awaitStatus(batchId, "REJECTED");
        given().queryParam("status", "REJECTED").get("/api/batches").then().statusCode(200);
    }

    @Test
    void otherQcEventsArePassedOverAndAVerdictForAnUnknownBatchIsDeadLettered() {
        String unknown = UUID.randomUUID().toString();
        publish(verdict(unknown, Verdict.ACCEPTED, 5));
        try (TopicReader reader = new TopicReader(bootstrap(), "qc-events.dlq")) {
            List<ConsumerRecord<String, byte[]>> dead = reader.readUntil(Set.of(unknown), found -> !found.isEmpty(),
                    Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.getFirst().headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).contains("does not know");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().queryParam("redriven", "false").get("/api/admin/dead-letters").then().statusCode(200)
                        .body("items.find { it.key == '" + unknown + "' }.topic", equalTo("qc-events"))
                        .body("items.find { it.key == '" + unknown + "' }.consumerGroup", equalTo("catalog-service")));
    }

    private static String finishedBatch() {
        String batchId = batch();
        STAGES.forEach(stage -> completeStage(batchId, stage));
        return batchId;
    }

    private static EventEnvelope verdict(String batchId, Verdict verdict, long sequence) {
        ClassDecision decision = verdict == Verdict.ACCEPTED ? ClassDecision.ACCEPTED : ClassDecision.REJECTED;
        return EventEnvelope.wrap(QcEvents.VERDICT_ISSUED, UUID.randomUUID(), EventJson.eventTime(Instant.now()),
                UUID.fromString(batchId), sequence, new VerdictIssued("SKO-2026-000001", "M990", "SKO", "990", verdict,
                        Map.of(DefectClass.CRITICAL, new ClassOutcome(decision, decision == ClassDecision.REJECTED ? 1 : 0,
                                        0, 1, 20, null),
                                DefectClass.MAJOR, new ClassOutcome(ClassDecision.ACCEPTED, 0, 1, 2, 20, null),
                                DefectClass.MINOR, new ClassOutcome(ClassDecision.ACCEPTED, 0, 1, 2, 13, null))));
    }

    private void publish(EventEnvelope event) {
        qcEvents.write(event.aggregateKey(), EventJson.write(event).getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.ID, event.eventId().toString(), CloudEventHeaders.TYPE, event.type()));
    }

    private static void awaitStatus(String batchId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/batches/{id}", batchId).then().body("status", equalTo(status)));
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
