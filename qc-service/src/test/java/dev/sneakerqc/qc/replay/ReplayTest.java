package dev.sneakerqc.qc.replay;

import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import dev.sneakerqc.qc.support.Replays;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild from the topics gives exactly the state the live service built (same digest), over a few thousand
 * events of interleaved batches with corrections and switching; one batch can be replayed on its own.
 */
@QcTest
class ReplayTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aFullRebuildReproducesTheLiveState() {
        List<QcStateBuilder.Lot> lots;
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            lots = QcStateBuilder.interleavedLots(writer, 36);
            // A stream tightened by two rejected lots, then discontinued by five more; one more lot is held.
            QcStateBuilder.switchingLots(writer, QcFixtures.uniqueCode("T", 6),
                    new boolean[]{false, true, false, true, true, false, false, false, false, false});
        }
        JsonPath before = given().get("/api/admin/state-digest").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> rows = before.getMap("rows");
        assertThat(rows.get("test_result_audit")).isGreaterThan(2000);
        assertThat(rows.get("processed_event")).isGreaterThanOrEqualTo(6 * 46);
        assertThat(rows.get("switching_state")).isPositive();

        JsonPath done = Replays.awaitDone(Replays.start(Map.of("from", "earliest")));
        assertThat(done.getString("scope")).isEqualTo("ALL");
        assertThat(done.getLong("progress.total")).isGreaterThan(2500);
        assertThat(done.getLong("progress.done")).isEqualTo(done.getLong("progress.total"));
        assertThat(done.getLong("progress.toGo")).isZero();
        assertThat(done.getFloat("progress.percent")).isEqualTo(100.0f);
        assertThat(done.getFloat("progress.eventsPerSecond")).isPositive();
        assertThat(done.getLong("progress.estimatedSecondsLeft")).isZero();

        JsonPath after = given().get("/api/admin/state-digest").then().statusCode(200).extract().jsonPath();
        assertThat(after.getMap("rows")).isEqualTo(rows);
        assertThat(after.getMap("tables")).isEqualTo(before.getMap("tables"));
        assertThat(after.getString("sha256")).isEqualTo(before.getString("sha256"));

        // The service works on the rebuilt tables.
        QcStateBuilder.Lot lot = lots.getLast();
        given().get("/api/inspections/{id}", lot.batchId()).then().statusCode(200);
        given().get("/api/streams").then().statusCode(200);
    }

    @Test
    void oneBatchIsReplayedOnItsOwn() {
        List<QcStateBuilder.Lot> lots;
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            lots = QcStateBuilder.interleavedLots(writer, 2);
        }
        String digest = Replays.digest();
        Map<String, String> tables = given().get("/api/admin/state-digest").then().extract().jsonPath().getMap("tables");
        QcStateBuilder.Lot lot = lots.getFirst();
        // A bug lost the batch's results.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from test_result where batch_id = ?1")
                .setParameter(1, lot.batchId()).executeUpdate());
        assertThat(Replays.digest()).isNotEqualTo(digest);

        JsonPath done = Replays.awaitDone(Replays.start(Map.of("batchId", lot.batchId().toString())));
        assertThat(done.getString("scope")).isEqualTo("BATCH");
        assertThat(done.getString("batchId")).isEqualTo(lot.batchId().toString());
        assertThat(given().get("/api/admin/state-digest").then().extract().jsonPath().<String, String>getMap("tables"))
                .isEqualTo(tables);
        assertThat(Replays.digest()).isEqualTo(digest);
    }

    @Test
    void badReplayRequestsAreClientErrors() {
        given().contentType("application/json").body(Map.of("from", "yesterday"))
                .post("/api/admin/replay").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().contentType("application/json").body(Map.of("batchId", "batch-7"))
                .post("/api/admin/replay").then().statusCode(400);
        given().get("/api/admin/replay/{id}", java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
