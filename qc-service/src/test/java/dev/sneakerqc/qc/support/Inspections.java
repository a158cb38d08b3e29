package dev.sneakerqc.qc.support;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.QcProfile;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives batches into QC and waits for their inspections. */
public final class Inspections {

    private Inspections() {
    }

    /** Publishes a finished batch of a model whose profile the stub serves; returns the batch id. */
    public static UUID finishedBatch(ProductionEventsWriter writer, QcProfile profile, String factoryCode,
                                     String line, int quantity) {
        List<EventEnvelope> events = finishedBatchEvents(profile, factoryCode, line, quantity);
        writer.write(events);
        return events.getFirst().batchId();
    }

    /**
     * The events of a new batch walked through every stage (sequence 1 to 6), of a model whose profile the stub
     * serves; not published yet.
     */
    public static List<EventEnvelope> finishedBatchEvents(QcProfile profile, String factoryCode, String line,
                                                          int quantity) {
        CatalogStub.instance().putProfile(profile);
        return ProductionEventsWriter.finishedBatch(UUID.randomUUID(), QcFixtures.batchNumber(factoryCode),
                profile.styleCode(), factoryCode, line, quantity);
    }

    /** Waits until the inspection has the status, and returns it. */
    public static JsonPath awaitStatus(UUID batchId, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var response = given().get("/api/inspections/{id}", batchId);
            assertThat(response.statusCode()).as("GET inspection of %s", batchId).isEqualTo(200);
            last[0] = response.jsonPath();
            assertThat(last[0].getString("status")).isEqualTo(status);
        });
        return last[0];
    }
}
