package dev.sneakerqc.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog is down when QC opens inspections: they wait in AWAITING_PROFILE, saying why, and open once the
 * catalog is back, without anyone touching QC.
 */
class CatalogOutageSystemTest {

    private static final String FACTORY = "CAT";
    private static final int BATCHES = 6;

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void inspectionsWaitForTheCatalogAndOpenOnceItIsBack() {
        String style = system.model(FACTORY, "M990CATOUT");
        ServiceProcess catalog = system.catalog;
        ServiceProcess qc = system.qc;
        List<String> batches;
        qc.stop();
        try {
            List<Callable<String>> finish = IntStream.range(0, BATCHES)
                    .<Callable<String>>mapToObj(i -> () -> system.finishedBatch(style, FACTORY, 120)).toList();
            batches = Parallel.run(3, finish, Duration.ofSeconds(60));
            Set<String> keys = new HashSet<>(batches);
            // Everything QC needs is on the topic before the catalog goes.
            TopicRecords.await(system.infra.kafkaBootstrapServers(), "production-events", keys,
                    "every production event of the batches",
                    found -> TopicRecords.distinctEvents(found) == BATCHES * 6L, Duration.ofSeconds(30));
            catalog.stop();
            qc.start();

            await("inspections waiting for the unreachable catalog").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                        for (String batch : batches) {
                            var inspection = system.qcApi().get("/api/inspections/{id}", batch).then()
                                    .statusCode(200).extract().jsonPath();
                            assertThat(inspection.getString("status")).as("inspection of %s", batch)
                                    .isEqualTo("AWAITING_PROFILE");
                            assertThat(inspection.getString("awaitingReason")).as("why %s waits", batch)
                                    .matches("catalog (unreachable|unavailable|did not answer).*");
                        }
                    });
            assertThat(catalog.isRunning()).isFalse();

            catalog.start();
        } finally {
            if (!catalog.isRunning()) {
                catalog.start();
            }
            if (!qc.isRunning()) {
                qc.start();
            }
        }

        system.awaitInspections(batches, "OPEN", Duration.ofSeconds(60));
        for (String batch : batches) {
            Map<String, Object> inspection = system.qcApi().get("/api/inspections/{id}", batch).then()
                    .statusCode(200).extract().jsonPath().getMap("");
            assertThat(inspection.get("profileVersion")).as("profile snapshot of %s", batch).isEqualTo(1);
            assertThat(inspection.get("awaitingReason")).as("reason left on %s once open", batch).isNull();
        }
    }
}
