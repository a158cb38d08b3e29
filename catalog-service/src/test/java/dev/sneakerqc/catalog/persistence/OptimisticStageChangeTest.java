package dev.sneakerqc.catalog.persistence;

import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.StageChange;
import dev.sneakerqc.catalog.messaging.ProductionEventRecorder;
import dev.sneakerqc.catalog.service.BatchService;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A stage change written without a transaction (the batch read unlocked, then the change in one statement) goes in
 * only if no other change of the batch came in between; when one did, nothing of it is written, and a change made
 * from the batch as it is then goes in. The same holds for a batch this instance holds as its last change left it
 * ({@link ChangedBatches}) when another instance changed it since. Inside a caller's transaction the service joins
 * it. (Racing requests falling
 * back to the locked path: {@code BatchApiTest.concurrentRequestsForTheSameStageCompleteItOnce}.)
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class OptimisticStageChangeTest {

    @Inject
    BatchReads reads;
    @Inject
    BatchWrites writes;
    @Inject
    BatchService batches;
    @Inject
    ProductionEventRecorder events;
    @Inject
    ChangedBatches changed;
    @Inject
    EntityManager entityManager;

    @Test
    void aChangeReadBeforeAnotherChangeOfTheBatchWritesNothing() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);
        Instant at = Instant.parse("2026-12-03T10:00:00Z");

        // Read unlocked, then another change of the batch comes in before this one is written.
        BatchSnapshot read = reads.find(id).orElseThrow();
        StageChange stale = read.completeStage(ProductionStage.MATERIALS_SOURCED, at);
        batches.completeStage(id, ProductionStage.MATERIALS_SOURCED);

        assertThat(writes.recordIfUnchanged(stale, events.stageCompleted(stale))).isFalse();
        assertThat(rows("outbox_event where aggregate_id = ?1", batchId)).isEqualTo(2);
        assertThat(rows("batch_stage where batch_id = cast(?1 as uuid)", batchId)).isEqualTo(1);

        // Written from the batch as it is now, the next change goes in and commits by itself.
        StageChange current = reads.find(id).orElseThrow().completeStage(ProductionStage.PATTERN_CUT, at);
        assertThat(writes.recordIfUnchanged(current, events.stageCompleted(current))).isTrue();
        assertThat(rows("outbox_event where aggregate_id = ?1", batchId)).isEqualTo(3);
        assertThat(rows("batch_stage where batch_id = cast(?1 as uuid)", batchId)).isEqualTo(2);
        given().get("/api/batches/{id}", batchId).then().body("stage", equalTo("PATTERN_CUT"));
    }

    @Test
    void changesInsideACallersTransactionJoinItAndSeeEachOther() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);

        // Inside a caller's transaction the service joins it: its change is the caller's to commit or roll back.
        QuarkusTransaction.requiringNew().run(() -> {
            batches.completeStage(id, ProductionStage.MATERIALS_SOURCED);
            BatchSnapshot after = batches.completeStage(id, ProductionStage.PATTERN_CUT);
            assertThat(after.lastEventSequence()).isEqualTo(3);
        });
        assertThat(rows("outbox_event where aggregate_id = ?1", batchId)).isEqualTo(3);
        given().get("/api/batches/{id}", batchId).then().body("stage", equalTo("PATTERN_CUT"));
    }

    @Test
    void aHeldBatchChangedElsewhereIsLetGoAndTheAnswerComesFromTheDatabase() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);
        given().contentType("application/json").body("{\"stage\":\"MATERIALS_SOURCED\"}")
                .post("/api/batches/{id}/stages", batchId).then().statusCode(200);
        BatchSnapshot held = changed.find(id).orElseThrow();
        assertThat(held.lastEventSequence()).isEqualTo(2);

        // Another instance completes PATTERN_CUT, and this one still holds the batch as MATERIALS_SOURCED left it
        // (held again, in case the feed has told it already).
        StageChange elsewhere = reads.find(id).orElseThrow()
                .completeStage(ProductionStage.PATTERN_CUT, Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(writes.recordIfUnchanged(elsewhere, events.stageCompleted(elsewhere))).isTrue();
        changed.changed(held);

        // PATTERN_CUT again: the held batch allows it, the write finds the batch changed, the database says no.
        given().contentType("application/json").body("{\"stage\":\"PATTERN_CUT\"}")
                .post("/api/batches/{id}/stages", batchId).then().statusCode(409);
        assertThat(rows("outbox_event where aggregate_id = ?1", batchId)).isEqualTo(3);
        assertThat(rows("batch_stage where batch_id = cast(?1 as uuid)", batchId)).isEqualTo(2);

        // The next stage goes in from the batch as it is, and is held as it left it.
        given().contentType("application/json").body("{\"stage\":\"STITCHED\"}")
                .post("/api/batches/{id}/stages", batchId).then().statusCode(200)
                .body("stage", equalTo("STITCHED"));
        assertThat(changed.find(id)).map(BatchSnapshot::lastEventSequence).contains(4L);
        assertThat(rows("outbox_event where aggregate_id = ?1", batchId)).isEqualTo(4);
    }

    @Test
    void aChangeOfAHeldBatchAnnouncedOnTheFeedLetsItGo() {
        String batchId = batch();
        UUID id = UUID.fromString(batchId);
        batches.completeStage(id, ProductionStage.MATERIALS_SOURCED);
        assertThat(changed.find(id)).isPresent();

        // Made behind this instance's back, the change reaches it as an event on production-events.
        StageChange elsewhere = reads.find(id).orElseThrow()
                .completeStage(ProductionStage.PATTERN_CUT, Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(writes.recordIfUnchanged(elsewhere, events.stageCompleted(elsewhere))).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(changed.find(id)).isEmpty());
        assertThat(batches.completeStage(id, ProductionStage.STITCHED).lastEventSequence()).isEqualTo(4);
    }

    private long rows(String fromWhere, String batchId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from " + fromWhere).setParameter(1, batchId).getSingleResult())
                .longValue());
    }
}
