package dev.sneakerqc.system;

import dev.sneakerqc.contract.EventEnvelope;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kafka broker is stopped while the catalog takes 200 stage changes: the catalog accepts every one, and once
 * the broker is back every event is delivered once, in order per batch, and QC catches up.
 */
class KafkaOutageSystemTest {

    private static final String FACTORY = "BRK";
    private static final int BATCHES = 40;

    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.get();
    }

    @Test
    void stageChangesTakenWhileTheBrokerIsDownAreAllDeliveredInOrder() {
        assumeTrue(system.infra.supportsKafkaRestart(), "this infrastructure cannot stop its Kafka broker");
        String style = system.model(FACTORY, "M990BROKER");
        String bootstrap = system.infra.kafkaBootstrapServers();
        List<Callable<String>> plans = IntStream.range(0, BATCHES)
                .<Callable<String>>mapToObj(i -> () -> system.plannedBatch(style, FACTORY, 150)).toList();
        List<String> batches = Parallel.run(4, plans, Duration.ofSeconds(60));
        Set<String> keys = new HashSet<>(batches);
        TopicRecords.await(bootstrap, "production-events", keys, "BatchPlanned of every batch",
                found -> TopicRecords.distinctEvents(found) == BATCHES, Duration.ofSeconds(30));

        system.infra.stopKafka();
        try {
            // Each batch's five stages in order, the batches side by side: 200 changes, each answered 200.
            List<Callable<Integer>> walks = batches.stream().<Callable<Integer>>map(batch -> () -> {
                SystemUnderTest.STAGES.forEach(stage -> system.completeStage(batch, stage));
                return SystemUnderTest.STAGES.size();
            }).toList();
            int accepted = Parallel.run(4, walks, Duration.ofSeconds(120)).stream().mapToInt(Integer::intValue).sum();
            assertThat(accepted).as("stage changes accepted while the broker was down").isEqualTo(BATCHES * 5);
            await("the catalog's outbox holding the events").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath outbox = outboxCheck();
                assertThat(outbox.getString("status")).isEqualTo("UP");
                assertThat(outbox.getString("data.kafka")).isEqualTo("unreachable");
                assertThat(outbox.getLong("data.pendingEvents")).isGreaterThanOrEqualTo(BATCHES * 5L);
            });
        } finally {
            system.infra.startKafka();
        }

        int total = BATCHES * (1 + SystemUnderTest.STAGES.size());
        TopicRecords.await(bootstrap, "production-events", keys, "every event once the broker is back",
                found -> TopicRecords.distinctEvents(found) >= total, Duration.ofSeconds(90));
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readToEnd(bootstrap, "production-events", keys);
        assertThat(records).as("records of the test's batches (each event once)").hasSize(total);
        assertThat(TopicRecords.distinctEvents(records)).isEqualTo(total);
        Map<String, List<EventEnvelope>> byBatch = TopicRecords.eventsByKey(records);
        assertThat(byBatch).hasSize(BATCHES);
        List<String> expectedStages = new ArrayList<>();
        expectedStages.add(null); // BatchPlanned
        expectedStages.addAll(SystemUnderTest.STAGES);
        byBatch.forEach((batch, events) -> {
            assertThat(events).extracting(EventEnvelope::sequence).as("sequences of batch %s in topic order", batch)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
            assertThat(events).extracting(event -> event.data().path("stage").textValue())
                    .as("stages of batch %s in topic order", batch).containsExactlyElementsOf(expectedStages);
        });

        system.awaitInspections(batches, "OPEN", Duration.ofSeconds(90));
    }

    private static JsonPath outboxCheck() {
        JsonPath health = system.catalogApi().get("/q/health/ready").then().extract().jsonPath();
        return new JsonPath(health.prettify()).setRootPath("checks.find { it.name == 'outbox' }");
    }
}
