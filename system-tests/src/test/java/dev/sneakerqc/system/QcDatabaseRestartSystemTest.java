package dev.sneakerqc.system;

import dev.sneakerqc.infra.support.ChildProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QC's PostgreSQL server is stopped for some seconds and started again while batches keep being finished in the
 * catalog: QC recovers by itself, with no restart and no manual call. Every inspection opens, readiness is back
 * to UP, results can be recorded again, and nothing was dead-lettered.
 */
class QcDatabaseRestartSystemTest {

    private static final String FACTORY = "PGR";
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void qcRecoversByItselfFromARestartOfItsDatabase() {
        String style = system.model(FACTORY, "M990PGRESTART");
        ServiceProcess qc = system.qc;
        long qcPid = qc.pid();
        List<String> batches = new CopyOnWriteArrayList<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        try (Parallel planners = new Parallel(2)) {
            List<Future<Integer>> producers = List.of(
                    planners.submit(() -> produceWhile(producing, style, batches)),
                    planners.submit(() -> produceWhile(producing, style, batches)));
            try {
                await("QC opening inspections under load").atMost(Duration.ofSeconds(60))
                        .until(() -> system.qcDatabase.appliedProductionEvents(FACTORY) >= 30);

                system.qcPostgres.stop();
                try {
                    await("QC's readiness reporting its database down").atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> readiness(qc) == 503);
                    ChildProcesses.pause(OUTAGE); // the outage itself, with batches still coming
                } finally {
                    system.qcPostgres.start();
                }
                ChildProcesses.pause(Duration.ofSeconds(3)); // and some more after it
            } finally {
                producing.set(false);
            }
            planners.awaitAll(producers, Duration.ofSeconds(60));
        }
        assertThat(batches).as("batches finished during the test").hasSizeGreaterThan(10);

        system.awaitInspections(batches, "OPEN", Duration.ofSeconds(90));
        assertThat(qc.isRunning() && qc.pid() == qcPid).as("the same QC process, never restarted").isTrue();
        await("QC's readiness back to UP").atMost(Duration.ofSeconds(30)).until(() -> readiness(qc) == 200);
        given().baseUri(qc.url()).get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));

        // Results are recorded again: on every inspection of the test, each first call answered 201.
        for (String batch : batches) {
            system.qcApi().body(Map.of("sampleUnit", 1, "method", "SOLE_BOND", "value", 4.2,
                            "technician", "ana.lopez", "equipmentId", "SATRA-STM-603"))
                    .post("/api/inspections/{id}/results", batch).then().statusCode(201);
        }

        Set<String> keys = new HashSet<>(batches);
        assertThat(system.qcDatabase.appliedProductionEvents(FACTORY)).as("production events applied")
                .isEqualTo(batches.size() * (1L + SystemUnderTest.STAGES.size()));
        assertThat(system.qcDatabase.deadLetters(batches)).as("dead letters kept by QC").isZero();
        String bootstrap = system.infra.kafkaBootstrapServers();
        assertThat(TopicRecords.readToEnd(bootstrap, "production-events.dlq", keys))
                .as("dead-lettered production events").isEmpty();
        TopicRecords.await(bootstrap, "qc-events", keys, "an InspectionOpened for every batch",
                found -> TopicRecords.eventsOfType(found, "InspectionOpened").size() == keys.size(),
                Duration.ofSeconds(60));
        assertThat(TopicRecords.eventsOfType(TopicRecords.readToEnd(bootstrap, "qc-events", keys), "InspectionOpened")
                .values()).as("InspectionOpened events per batch").hasSize(keys.size()).containsOnly(1L);
    }

    /** Finishes batches one after another until told to stop; the catalog is never disturbed. */
    private static int produceWhile(AtomicBoolean producing, String style, List<String> batches) {
        int count = 0;
        while (producing.get()) {
            batches.add(system.finishedBatch(style, FACTORY, 100));
            count++;
            ChildProcesses.pause(Duration.ofMillis(150));
        }
        return count;
    }

    private static int readiness(ServiceProcess service) {
        return given().baseUri(service.url()).get("/q/health/ready").statusCode();
    }
}
