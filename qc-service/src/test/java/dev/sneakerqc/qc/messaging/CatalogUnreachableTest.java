package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.CatalogStub;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog is down while batches finish: their inspections wait as AWAITING_PROFILE, saying why, while the
 * consumer goes on with other events; once the catalog is back they open by themselves.
 */
@QcTest
class CatalogUnreachableTest {

    @Test
    void inspectionsWaitForTheCatalogAndOpenWhenItIsBack() {
        String factory = QcFixtures.uniqueCode("U", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        CatalogStub catalog = CatalogStub.instance();
        UUID first;
        UUID second;
        catalog.stop();
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            first = Inspections.finishedBatch(writer, profile, factory, "990", 400);
            JsonPath waiting = Inspections.awaitStatus(first, "AWAITING_PROFILE");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    given().get("/api/inspections/{id}", first).jsonPath().getString("awaitingReason"))
                    .contains("catalog"));
            assertThat(waiting.getMap("classes")).isEmpty();
            // The consumer is not blocked: a second batch is taken in meanwhile.
            second = Inspections.finishedBatch(writer, profile, factory, "990", 400);
            Inspections.awaitStatus(second, "AWAITING_PROFILE");
        } finally {
            catalog.start();
        }
        JsonPath opened = Inspections.awaitStatus(first, "OPEN");
        assertThat(opened.getInt("profileVersion")).isEqualTo(1);
        assertThat(opened.getString("awaitingReason")).isNull();
        Inspections.awaitStatus(second, "OPEN");
    }

    @Test
    void aModelWithoutProfileWaitsUntilOneIsAdded() {
        String factory = QcFixtures.uniqueCode("U", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        UUID batchId = UUID.randomUUID();
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            writer.write(ProductionEventsWriter.finishedBatch(batchId, QcFixtures.batchNumber(factory),
                    profile.styleCode(), factory, "990", 100));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                given().get("/api/inspections/{id}", batchId).jsonPath().getString("awaitingReason"))
                .contains("has no QC profile"));
        CatalogStub.instance().putProfile(profile);
        Inspections.awaitStatus(batchId, "OPEN");
    }
}
