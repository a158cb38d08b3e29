package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassOutcome;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.TestResultRecorded;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.contract.qc.VerdictIssued;
import dev.sneakerqc.infra.kafka.ConsumerPerformanceTool;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import dev.sneakerqc.qc.support.Replays;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the QC state rebuilds from a topic history of 200,000 events, beside the raw rate at which Kafka's own
 * ConsumerPerformance reads the same topics on the same machine in the same run. Prints the figures (and writes
 * {@code target/benchmarks/replay.txt}); asserts only that the rebuild is complete.
 *
 * <p>Runs in a JVM of its own (surefire execution {@code benchmarks}), with its own broker and database, so its
 * history does not mix with other tests'. The live consumer is off: the benchmark marks the history as consumed.
 */
@QcTest
@TestProfile(ReplayBenchmark.NoLiveConsumer.class)
class ReplayBenchmark {

    static final int BATCHES = 10_000;
    static final int RESULTS_PER_BATCH = 12;
    /** 6 production events and 14 QC events (opened, 12 results, verdict) per batch. */
    static final int EVENTS = BATCHES * (6 + 1 + RESULTS_PER_BATCH + 1);

    public static class NoLiveConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qc.consumer.enabled", "false");
        }
    }

    @Test
    void rebuildsTwoHundredThousandEvents() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Instant writingStarted = Instant.now();
        writeHistory(bootstrap);
        double writeSeconds = Duration.between(writingStarted, Instant.now()).toMillis() / 1000.0;
        long productionRecords = markConsumed(bootstrap);
        long qcRecords = EVENTS - productionRecords;

        ConsumerPerformanceTool.Result production = ConsumerPerformanceTool.run(bootstrap, Topics.PRODUCTION_EVENTS,
                productionRecords);
        ConsumerPerformanceTool.Result qc = ConsumerPerformanceTool.run(bootstrap, Topics.QC_EVENTS, qcRecords);
        double rawSeconds = production.seconds() + qc.seconds();
        double rawRate = (production.records() + qc.records()) / rawSeconds;
        double rawFetchRate = (production.records() + qc.records())
                / (production.records() / production.fetchRecordsPerSecond() + qc.records() / qc.fetchRecordsPerSecond());

        JsonPath replay = Replays.awaitDone(Replays.start(Map.of("from", "earliest")));
        long read = replay.getLong("progress.done");
        double replaySeconds = Duration.between(Instant.parse(replay.getString("startedAt")),
                Instant.parse(replay.getString("finishedAt"))).toMillis() / 1000.0;
        assertThat(read).isEqualTo(EVENTS);
        JsonPath digest = io.restassured.RestAssured.given().get("/api/admin/state-digest").then().extract().jsonPath();
        assertThat(digest.getLong("rows.qc_batch")).isEqualTo(BATCHES);
        assertThat(digest.getLong("rows.test_result")).isEqualTo((long) BATCHES * RESULTS_PER_BATCH);

        String report = """
                QC rebuild from the topics (%d events: %d production, %d QC; %d cores, %s)
                  rebuild, start to switched in:             %8.0f events/s   (%.1f s)
                  Kafka ConsumerPerformance, same topics:    %8.0f records/s  (%.1f s; %.0f records/s while fetching)
                  rebuild / raw read:                        %8.2f
                  (writing the history took %.1f s)
                """.formatted(EVENTS, productionRecords, qcRecords, Runtime.getRuntime().availableProcessors(),
                Runtime.version(), read / replaySeconds, replaySeconds, rawRate, rawSeconds, rawFetchRate,
                (read / replaySeconds) / rawRate, writeSeconds);
        System.out.println(report);
        Path file = Path.of("target", "benchmarks", "replay.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** Writes the history of BATCHES accepted batches straight to the topics, as the services would have. */
    private static void writeHistory(String bootstrap) throws IOException {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        QcProfile profile = QcFixtures.footwearProfile("M990BENCH", 1);
        Map<DefectClass, ClassPlan> plans = new EnumMap<>(DefectClass.class);
        plans.put(DefectClass.CRITICAL, new ClassPlan(null, null, null, 4, 0, 1, false, 4));
        plans.put(DefectClass.MAJOR, new ClassPlan(InspectionSeverity.NORMAL, new BigDecimal("2.5"), "C", 4, 0, 1,
                false, 4));
        plans.put(DefectClass.MINOR, new ClassPlan(InspectionSeverity.NORMAL, new BigDecimal("4.0"), "C", 4, 0, 1,
                false, 4));
        List<QcProfile.QcTest> tests = List.of(profile.tests().get(0), profile.tests().get(1), profile.tests().get(3));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < BATCHES; i++) {
                UUID batchId = UUID.randomUUID();
                String number = "BEN-2026-" + String.format("%06d", i + 1);
                for (EventEnvelope event : ProductionEventsWriter.finishedBatch(batchId, number, profile.styleCode(),
                        "BEN", "990", 500)) {
                    send(producer, Topics.PRODUCTION_EVENTS, event);
                }
                Instant at = EventJson.eventTime(Instant.now());
                long sequence = 1;
                send(producer, Topics.QC_EVENTS, EventEnvelope.wrap(QcEvents.INSPECTION_OPENED, UUID.randomUUID(), at,
                        batchId, sequence++, new InspectionOpened(number, profile.styleCode(), "BEN", "990", 500,
                                profile, plans, 4)));
                for (QcProfile.QcTest test : tests) {
                    for (int pair = 1; pair <= 4; pair++) {
                        send(producer, Topics.QC_EVENTS, EventEnvelope.wrap(QcEvents.TEST_RESULT_RECORDED,
                                UUID.randomUUID(), at, batchId, sequence++, new TestResultRecorded(pair, test.method(),
                                        test.defectClass(), QcFixtures.passing(test), test.unit(), true, "ana.lopez",
                                        "INSTRON-3", false, null, null)));
                    }
                }
                Map<DefectClass, ClassOutcome> outcomes = new EnumMap<>(DefectClass.class);
                for (DefectClass defectClass : DefectClass.values()) {
                    outcomes.put(defectClass, new ClassOutcome(ClassDecision.ACCEPTED, 0, 0, 1, 4,
                            plans.get(defectClass).severity()));
                }
                send(producer, Topics.QC_EVENTS, EventEnvelope.wrap(QcEvents.VERDICT_ISSUED, UUID.randomUUID(), at,
                        batchId, sequence, new VerdictIssued(number, profile.styleCode(), "BEN", "990",
                                Verdict.ACCEPTED, outcomes)));
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, EventEnvelope event) {
        producer.send(new ProducerRecord<>(topic, event.aggregateKey(),
                EventJson.write(event).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Commits the QC consumer group at the end of production-events, as if the live consumer had applied it all;
     * returns how many production records there are.
     */
    private static long markConsumed(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.PRODUCTION_EVENTS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.PRODUCTION_EVENTS).partitions().stream()
                    .map(info -> new TopicPartition(Topics.PRODUCTION_EVENTS, info.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            long records = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                ends.put(end.getKey(), new OffsetAndMetadata(end.getValue().offset()));
                records += end.getValue().offset();
            }
            admin.alterConsumerGroupOffsets("qc-service", ends).all().get(10, TimeUnit.SECONDS);
            return records;
        }
    }
}
