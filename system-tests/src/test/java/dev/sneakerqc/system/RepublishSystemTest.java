package dev.sneakerqc.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The catalog sends its event history again: QC's state does not change (it deduplicates); after QC lost its
 * data, the same republish refills it.
 */
class RepublishSystemTest {

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void republishingChangesNothingAndRefillsAConsumerThatLostItsData() {
        String style = system.model("NOR", "M992REPUB");
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batches.add(system.finishedBatch(style, "NOR", 80));
        }
        batches.forEach(batch -> awaitInspection(batch, "OPEN"));
        system.awaitQcCaughtUp();
        JsonPath before = qcDigest();

        JsonPath all = republish(Map.of("fromSequence", 1));
        assertThat(all.getLong("progress.total")).isGreaterThanOrEqualTo(30);
        system.awaitQcCaughtUp();
        assertThat(qcDigest().getString("sha256")).isEqualTo(before.getString("sha256"));

        Instant start = Instant.now().minus(Duration.ofHours(1));
        JsonPath oneBatch = republish(Map.of("fromTime", start.toString(), "batchId", batches.getFirst()));
        assertThat(oneBatch.getLong("progress.total")).isEqualTo(6);
        JsonPath fromStage = republish(Map.of("fromSequence", 6, "batchId", batches.getFirst()));
        assertThat(fromStage.getLong("progress.total")).isEqualTo(1);

        system.qcDatabase.wipe();
        given().baseUri(system.qc.url()).get("/api/inspections/{id}", batches.getFirst()).then().statusCode(404);
        republish(Map.of("fromSequence", 1));
        batches.forEach(batch -> awaitInspection(batch, "OPEN"));
        system.awaitQcCaughtUp();
        assertThat(qcDigest().getLong("rows.qc_batch")).isEqualTo(before.getLong("rows.qc_batch"));

        system.catalogApi().body(Map.of("fromSequence", 0)).post("/api/admin/events/republish")
                .then().statusCode(400).body("errors[0].field", equalTo("fromSequence"));
        system.catalogApi().body(Map.of("fromTime", "yesterday")).post("/api/admin/events/republish")
                .then().statusCode(400).body("errors[0].field", equalTo("fromTime"));
    }

    private static JsonPath republish(Map<String, Object> body) {
        String id = system.catalogApi().body(body).post("/api/admin/events/republish")
                .then().statusCode(202).extract().path("id");
        JsonPath[] done = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            done[0] = system.catalogApi().get("/api/admin/events/republish/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(done[0].getString("status")).isEqualTo("DONE");
        });
        assertThat(done[0].getLong("progress.toGo")).isZero();
        return done[0];
    }

    private static JsonPath qcDigest() {
        return given().baseUri(system.qc.url()).get("/api/admin/state-digest").then().statusCode(200)
                .extract().jsonPath();
    }

    private static void awaitInspection(String batchId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().baseUri(system.qc.url()).get("/api/inspections/{id}", batchId)
                        .then().statusCode(200).body("status", equalTo(status)));
    }
}
