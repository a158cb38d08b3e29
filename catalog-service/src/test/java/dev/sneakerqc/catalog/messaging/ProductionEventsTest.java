package dev.sneakerqc.catalog.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ProductionEventsTest {

    @Test
    void everyStepOfABatchIsAValidEventKeyedByBatchInSequence() throws Exception {
        String batchId = batch();
        STAGES.forEach(stage -> completeStage(batchId, stage));

        List<ConsumerRecord<String, byte[]>> records;
        try (TopicReader reader = ProductionEventsReader.open()) {
            records = reader.readUntil(Set.of(batchId), found -> found.size() >= 6, Duration.ofSeconds(30));
        }
        assertThat(records).hasSize(6);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(batchId);
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.getFirst().partition());

        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            JsonNode json = EventJson.mapper().readTree(record.value());
            assertThat(EventSchemas.violations(json)).as("schema violations of %s", json).isEmpty();

            EventEnvelope event = EventJson.read(record.value());
            assertThat(event.batchId()).isEqualTo(UUID.fromString(batchId));
            assertThat(event.sequence()).isEqualTo(i + 1);
            assertThat(header(record, "ce_id")).isEqualTo(event.eventId().toString());
            assertThat(header(record, "ce_type")).isEqualTo(event.type());
            assertThat(header(record, "ce_source")).isEqualTo("/sneakerqc/catalog-service");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(event.occurredAt());
            assertThat(header(record, "ce_subject")).isEqualTo(batchId);
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(header(record, "ce_dataschema"))
                    .isEqualTo("urn:sneakerqc:event-schema:" + event.type() + ":v1");
        }

        EventEnvelope first = EventJson.read(records.getFirst().value());
        assertThat(first.type()).isEqualTo("BatchPlanned");
        BatchPlanned planned = first.dataAs(ProductionEvents.BATCH_PLANNED);
        assertThat(planned.quantity()).isEqualTo(1200);
        assertThat(planned.factoryCountry()).isEqualTo("US");
        assertThat(planned.line()).isEqualTo("990");
        assertThat(planned.label().status().name()).isEqualTo("MADE_IN_USA");
        assertThat(planned.materialLots()).hasSize(1);

        List<ProductionStage> stages = records.subList(1, 6).stream()
                .map(record -> EventJson.read(record.value()).dataAs(ProductionEvents.BATCH_STAGE_COMPLETED))
                .map(BatchStageCompleted::stage).toList();
        assertThat(stages).extracting(Enum::name).containsExactlyElementsOf(STAGES);
        BatchStageCompleted finished = EventJson.read(records.get(5).value())
                .dataAs(ProductionEvents.BATCH_STAGE_COMPLETED);
        assertThat(finished.status().name()).isEqualTo("IN_QC");
        assertThat(finished.previousStage()).isEqualTo(ProductionStage.LASTED);
    }

    @Test
    void rejectedRequestsEmitNothing() {
        String batchId = batch();
        completeStage(batchId, "MATERIALS_SOURCED");
        io.restassured.RestAssured.given().contentType("application/json").body("{\"stage\":\"LASTED\"}")
                .post("/api/batches/{id}/stages", batchId).then().statusCode(409);
        try (TopicReader reader = ProductionEventsReader.open()) {
            List<ConsumerRecord<String, byte[]>> records = reader.readFor(Set.of(batchId), Duration.ofSeconds(3));
            assertThat(records).hasSize(2);
        }
    }

    @Test
    void theTopicIsCreatedWithSixPartitionsAndKeepsItsHistoryForever() throws Exception {
        batch();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "production-events");
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(admin.describeTopics(List.of("production-events", "production-events.dlq")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values())
                    .allSatisfy(description -> assertThat(description.partitions()).hasSize(6));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
