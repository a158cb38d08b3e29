package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import dev.sneakerqc.qc.support.Replays;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * While a rebuild runs, changes are refused and the consumer waits; events that arrive meanwhile are applied once,
 * to the rebuilt state, after the switch.
 */
@QcTest
@TestProfile(ReplayDuringChangesTest.HoldBeforeSwitch.class)
class ReplayDuringChangesTest {

    public static class HoldBeforeSwitch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qc.replay.pause-before-switch", "4s");
        }
    }

    @Test
    void eventsArrivingDuringARebuildAreAppliedOnceAfterTheSwitch() {
        String factory = QcFixtures.uniqueCode("H", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        UUID before;
        UUID during;
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            before = Inspections.finishedBatch(writer, profile, factory, "990", 300);
            Inspections.awaitStatus(before, "OPEN");
            QcFixtures.record(before, 1, DurabilityTestMethod.SOLE_BOND, new BigDecimal("4.2"));

            String replay = Replays.start(Map.of("from", "earliest"));
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/admin/replay/{id}", replay)
                    .then().extract().<String>path("phase").startsWith("holding"));

            given().contentType(ContentType.JSON)
                    .body(QcFixtures.result(2, DurabilityTestMethod.SOLE_BOND, new BigDecimal("4.2")))
                    .post("/api/inspections/{id}/results", before)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("replayId", equalTo(replay));
            during = Inspections.finishedBatch(writer, profile, factory, "990", 300);
            // Reads serve the old state; the new batch waits for the switch.
            given().get("/api/inspections/{id}", before).then().statusCode(200)
                    .body("progress.testsRecorded", equalTo(1));
            given().get("/api/inspections/{id}", during).then().statusCode(404);

            Replays.awaitDone(replay);
        }
        Inspections.awaitStatus(during, "OPEN");
        given().get("/api/inspections/{id}", before).then().body("progress.testsRecorded", equalTo(1));
        QcFixtures.record(before, 2, DurabilityTestMethod.SOLE_BOND, new BigDecimal("4.2"));

        try (TopicReader reader = new TopicReader(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "qc-events")) {
            reader.readUntil(Set.of(during.toString()), found -> !found.isEmpty(), Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> events = reader.readFor(Set.of(during.toString()),
                    Duration.ofSeconds(2));
            assertThat(events).extracting(record -> EventJson.read(record.value()).type())
                    .containsExactly("InspectionOpened");
        }
        assertThat(given().queryParam("size", 200).get("/api/inspections").then().extract().jsonPath()
                .getList("items.findAll { it.batchId == '" + during + "' }")).hasSize(1);
    }
}
