package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.infra.TestInfrastructure;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import dev.sneakerqc.infra.quarkus.InjectInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker is stopped while planners keep working: every write is accepted, its event waits in the outbox,
 * and once the broker is back every event arrives, in order per batch, none lost. Meanwhile batches are read from
 * the database, not from the batch cache.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class KafkaOutageTest {

    private static final int BATCHES = 12;

    @InjectInfrastructure
    TestInfrastructure infra;

    @Inject
    BatchCache cache;

    @Test
    void eventsWrittenWhileKafkaIsDownArriveInOrderOnceItIsBack() {
        assumeTrue(infra.supportsKafkaRestart(), "this infrastructure cannot stop its Kafka broker");
        String styleCode = model(bomWithUsShare(800));
        String factoryCode = factory("US");
        String before = batch(styleCode, factoryCode);
        try (TopicReader reader = ProductionEventsReader.open()) {
            assertThat(reader.readUntil(Set.of(before), found -> !found.isEmpty(), Duration.ofSeconds(30)))
                    .isNotEmpty();
        }

        List<String> batchIds = new ArrayList<>();
        infra.stopKafka();
        try {
            for (int i = 0; i < BATCHES; i++) {
                batchIds.add(batch(styleCode, factoryCode));
            }
            for (String stage : STAGES) {
                batchIds.forEach(id -> completeStage(id, stage));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath outbox = outboxCheck();
                assertThat(outbox.getString("status")).isEqualTo("UP");
                assertThat(outbox.getString("data.kafka")).isEqualTo("unreachable");
                assertThat(outbox.getLong("data.pendingEvents")).isGreaterThanOrEqualTo(BATCHES * 6L);
            });
            // Changes of other instances would not reach this one: its batch cache stops, and reads go to the
            // database, where every change is.
            await().atMost(Duration.ofSeconds(20)).until(() -> !cache.isServing());
            batchIds.forEach(id -> given().get("/api/batches/{id}", id).then().statusCode(200)
                    .body("stage", equalTo("FINISHED")).body("status", equalTo("IN_QC")));
        } finally {
            infra.startKafka();
        }

        List<ConsumerRecord<String, byte[]>> records;
        try (TopicReader reader = ProductionEventsReader.open()) {
            records = reader.readUntil(new HashSet<>(batchIds), found -> distinctEvents(found) >= BATCHES * 6,
                    Duration.ofSeconds(90));
        }
        assertThat(distinctEvents(records)).as("distinct events delivered").isEqualTo(BATCHES * 6);
        Map<String, List<Long>> firstSeenSequences = new LinkedHashMap<>();
        Set<String> seenEvents = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope event = EventJson.read(record.value());
            if (seenEvents.add(event.eventId().toString())) {
                firstSeenSequences.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event.sequence());
            }
        }
        assertThat(firstSeenSequences).hasSize(BATCHES);
        firstSeenSequences.forEach((batchId, sequences) ->
                assertThat(sequences).as("sequences of batch %s", batchId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(outboxCheck().getLong("data.pendingEvents")).isZero());
        await().atMost(Duration.ofSeconds(30)).until(cache::isServing);
    }

    private static long distinctEvents(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> EventJson.read(record.value()).eventId()).distinct().count();
    }

    private static JsonPath outboxCheck() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        return new JsonPath(health.prettify()).setRootPath("checks.find { it.name == 'outbox' }");
    }
}
