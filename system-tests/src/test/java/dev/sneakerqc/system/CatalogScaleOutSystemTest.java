package dev.sneakerqc.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Two catalog instances on one database, each with its batch cache: a batch changed through one is read from the
 * other once the change's event has arrived there, and from the one that made it at once.
 */
class CatalogScaleOutSystemTest {

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void aBatchChangedThroughOneInstanceIsReadFromTheOther() {
        String style = system.model("CSO", "M990CACHE");
        try (ServiceProcess second = system.startCatalog("catalog-service-2")) {
            String id = system.plannedBatch(style, "CSO", 100);
            for (int read = 0; read < 2; read++) {
                given().baseUri(second.url()).get("/api/batches/{id}", id)
                        .then().statusCode(200).body("status", equalTo("PLANNED")).body("stage", nullValue());
            }
            for (String stage : SystemUnderTest.STAGES) {
                system.completeStage(id, stage);
                system.catalogApi().get("/api/batches/{id}", id).then().statusCode(200).body("stage", equalTo(stage));
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                        given().baseUri(second.url()).get("/api/batches/{id}", id)
                                .then().statusCode(200).body("stage", equalTo(stage)));
            }
            given().baseUri(second.url()).get("/api/batches/{id}", id)
                    .then().statusCode(200).body("status", equalTo("IN_QC"));
        }
    }
}
