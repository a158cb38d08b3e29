package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.domain.StageChange;
import dev.sneakerqc.catalog.persistence.BatchWrites;
import dev.sneakerqc.catalog.service.BatchService;
import dev.sneakerqc.catalog.support.ProductionEventsReader;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * A change whose transaction rolls back leaves no event behind, in the outbox or on Kafka; a stage change and its
 * event are written together or not at all.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class OutboxRollbackTest {

    @Inject
    BatchService batches;
    @Inject
    EntityManager entityManager;
    @Inject
    BatchWrites writes;
    @Inject
    ProductionEventRecorder events;

    @Test
    void aRolledBackStageChangeEmitsNothing() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);

        // The service completes the stage and writes its event, then the surrounding transaction fails.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            batches.completeStage(id, ProductionStage.MATERIALS_SOURCED);
            assertThat(outboxRows(batchId)).isEqualTo(2);
            throw new IllegalStateException("the machine jammed before commit");
        })).hasMessageContaining("jammed");

        assertThat(QuarkusTransaction.requiringNew().call(() -> outboxRows(batchId))).isEqualTo(1);
        given().get("/api/batches/{id}", batchId).then().body("status", equalTo("PLANNED"));

        // The next real change takes sequence 2: no gap where the rolled-back event would have been.
        completeStage(batchId, "MATERIALS_SOURCED");
        try (TopicReader reader = ProductionEventsReader.open()) {
            reader.readUntil(Set.of(batchId), found -> found.size() >= 2, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = reader.readFor(Set.of(batchId), Duration.ofSeconds(2));
            assertThat(records).extracting(record -> EventJson.read(record.value()).sequence())
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void aStageChangeAndItsEventAreOneWriteThatRefusesAnEventOfAnotherChange() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        // An event announcing another change of the batch (the next one) is refused before anything is written.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            StageChange change = writes.lockForChange(id).orElseThrow()
                    .completeStage(ProductionStage.MATERIALS_SOURCED, at);
            StageChange next = change.after().completeStage(ProductionStage.PATTERN_CUT, at);
            writes.record(change, events.stageCompleted(next));
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not announce");

        // Written twice, the same change is a conflict (its history row and its event exist) and nothing of it stays.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            StageChange change = writes.lockForChange(id).orElseThrow()
                    .completeStage(ProductionStage.MATERIALS_SOURCED, at);
            EventEnvelope event = events.stageCompleted(change);
            writes.record(change, event);
            writes.record(change, event);
        })).isInstanceOf(OptimisticLockException.class);
        assertThat(QuarkusTransaction.requiringNew().call(() -> outboxRows(batchId))).isEqualTo(1);
        given().get("/api/batches/{id}", batchId).then().body("status", equalTo("PLANNED"));

        // Written once, the change and its event go in together. As the service does, the writer tells the batch
        // cache of the change on commit: the GET above may have cached the batch as planned.
        QuarkusTransaction.requiringNew().run(() -> {
            StageChange change = writes.lockForChange(id).orElseThrow()
                    .completeStage(ProductionStage.MATERIALS_SOURCED, at);
            EventEnvelope event = events.stageCompleted(change);
            writes.record(change, event);
            events.stageChangeWritten(event);
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> outboxRows(batchId))).isEqualTo(2);
        given().get("/api/batches/{id}", batchId).then().body("stage", equalTo("MATERIALS_SOURCED"));
    }

    private long outboxRows(String batchId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from outbox_event where aggregate_id = ?1")
                .setParameter(1, batchId).getSingleResult()).longValue();
    }
}
