package dev.sneakerqc.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The QC service is killed with {@code kill -9} while it consumes about 500 production events, and restarted on
 * the same port and database: every event is applied exactly once, none is missing, and each finished batch has
 * one inspection, opened once.
 */
class KillQcSystemTest {

    private static final String FACTORY = "KIL";
    private static final int BATCHES = 84;
    private static final int EVENTS_PER_BATCH = 1 + SystemUnderTest.STAGES.size();
    private static final int TOTAL_EVENTS = BATCHES * EVENTS_PER_BATCH;
    /** Kill QC once it applied at least this many events (while the first half is still being produced). */
    private static final int KILL_AFTER = 90;

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void killedMidStreamAndRestartedQcAppliesEveryEventExactlyOnce() throws Exception {
        String style = system.model(FACTORY, "M990KILL9");
        ServiceProcess qc = system.qc;
        CountDownLatch killed = new CountDownLatch(1);
        List<String> batches;
        long appliedAtKill;
        try (Parallel planners = new Parallel(4)) {
            // The first half goes out while QC consumes; the second half only once QC is dead.
            List<Future<String>> finished = new ArrayList<>();
            for (int i = 0; i < BATCHES; i++) {
                boolean afterKill = i >= BATCHES / 2;
                finished.add(planners.submit(() -> {
                    if (afterKill && !killed.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("QC was never killed");
                    }
                    return system.finishedBatch(style, FACTORY, 100);
                }));
            }
            try {
                await("QC applying production events before the kill").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> system.qcDatabase.appliedProductionEvents(FACTORY) >= KILL_AFTER);
                long pid = qc.pid();
                qc.kill();
                assertThat(ProcessHandle.of(pid)).as("QC's JVM after kill -9").isEmpty();
            } finally {
                killed.countDown();
            }
            // What the dead process had committed: its applied count at the moment of the kill.
            appliedAtKill = system.qcDatabase.appliedProductionEvents(FACTORY);
            batches = planners.awaitAll(finished, Duration.ofSeconds(120));
            assertThat(qc.isRunning()).as("QC still down while the catalog took the rest").isFalse();
        } finally {
            if (!qc.isRunning()) {
                qc.start();
            }
        }
        System.out.printf("KillQcSystemTest: QC killed with %d of %d production events applied%n", appliedAtKill,
                TOTAL_EVENTS);
        assertThat(appliedAtKill).as("events QC had applied when it was killed: some, clearly not all")
                .isGreaterThan(0).isLessThan(TOTAL_EVENTS);

        Set<String> keys = new HashSet<>(batches);
        assertThat(keys).hasSize(BATCHES);
        await("QC applying every production event after its restart").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> system.qcDatabase.appliedProductionEvents(FACTORY) == TOTAL_EVENTS);

        List<ConsumerRecord<String, byte[]>> produced = TopicRecords.readToEnd(
                system.infra.kafkaBootstrapServers(), "production-events", keys);
        assertThat(produced).as("production-events records of the test's batches").hasSize(TOTAL_EVENTS);
        List<UUID> eventIds = produced.stream().map(record -> TopicRecords.event(record).eventId()).toList();
        Map<UUID, Integer> processed = system.qcDatabase.processedRows(eventIds);
        assertThat(processed.keySet()).as("events QC recorded as applied").containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(processed.values()).as("processed_event rows per event").containsOnly(1);
        assertThat(processed.values().stream().mapToInt(Integer::intValue).sum())
                .as("processed_event rows of the test's events").isEqualTo(produced.size());

        system.awaitInspections(batches, "OPEN", Duration.ofSeconds(90));
        Map<String, Integer> inspections = system.qcDatabase.inspections(batches);
        assertThat(inspections.keySet()).as("batches with an inspection").containsExactlyInAnyOrderElementsOf(batches);
        assertThat(inspections.values()).as("inspections per batch").containsOnly(1);

        String bootstrap = system.infra.kafkaBootstrapServers();
        TopicRecords.await(bootstrap, "qc-events", keys, "an InspectionOpened for every batch",
                found -> TopicRecords.eventsOfType(found, "InspectionOpened").size() == BATCHES, Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> qcEvents = TopicRecords.readToEnd(bootstrap, "qc-events", keys);
        Map<String, Long> opened = TopicRecords.eventsOfType(qcEvents, "InspectionOpened");
        System.out.printf("KillQcSystemTest: %d InspectionOpened records for %d batches (redelivered: %d)%n",
                qcEvents.stream().filter(record -> TopicRecords.event(record).type().equals("InspectionOpened")).count(),
                BATCHES, qcEvents.stream().filter(record -> TopicRecords.event(record).type().equals("InspectionOpened"))
                        .count() - BATCHES);
        assertThat(opened).as("InspectionOpened events per batch").hasSize(BATCHES);
        assertThat(opened.values()).as("InspectionOpened events per batch").containsOnly(1L);

        assertThat(system.qcDatabase.deadLetters(batches)).as("dead letters kept by QC").isZero();
        assertThat(TopicRecords.readToEnd(bootstrap, "production-events.dlq", keys))
                .as("dead-lettered production events").isEmpty();
    }
}
