package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.qc.support.CatalogStub;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that cannot be applied go to production-events.dlq with the reason, original topic, partition and
 * offset as headers, and consumption goes on.
 */
@QcTest
class DeadLetterTest {

    @Test
    void poisonRecordsAreDeadLetteredAndConsumptionContinues() {
        String factory = QcFixtures.uniqueCode("D", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        CatalogStub.instance().putProfile(profile);
        String garbageKey = UUID.randomUUID().toString();
        String unknownTypeKey = UUID.randomUUID().toString();
        String invalidKey = UUID.randomUUID().toString();
        UUID orphan = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            writer.writeRaw(garbageKey, "{not json".getBytes(StandardCharsets.UTF_8));
            writer.writeRaw(unknownTypeKey, ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"BatchExploded\","
                    + "\"schemaVersion\":1,\"batchId\":\"" + unknownTypeKey + "\"}").getBytes(StandardCharsets.UTF_8));
            List<EventEnvelope> events = ProductionEventsWriter.finishedBatch(UUID.fromString(invalidKey),
                    QcFixtures.batchNumber(factory), profile.styleCode(), factory, "990", 10);
            String invalid = EventJson.write(events.getFirst()).replace("\"quantity\":10", "\"quantity\":-10");
            writer.writeRaw(invalidKey, invalid.getBytes(StandardCharsets.UTF_8));
            // A stage of a batch QC never heard of.
            writer.write(ProductionEventsWriter.finishedBatch(orphan, QcFixtures.batchNumber(factory),
                    profile.styleCode(), factory, "990", 10).get(3));
            writer.write(ProductionEventsWriter.finishedBatch(good, QcFixtures.batchNumber(factory),
                    profile.styleCode(), factory, "990", 10));
        }
        Inspections.awaitStatus(good, "OPEN");

        Set<String> keys = Set.of(garbageKey, unknownTypeKey, invalidKey, orphan.toString());
        List<ConsumerRecord<String, byte[]>> deadLetters;
        try (TopicReader reader = new TopicReader(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "production-events.dlq")) {
            deadLetters = reader.readUntil(keys, found -> found.stream().map(ConsumerRecord::key)
                    .collect(Collectors.toSet()).containsAll(keys), Duration.ofSeconds(30));
        }
        Map<String, ConsumerRecord<String, byte[]>> byKey = deadLetters.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, record -> record, (a, b) -> a));
        assertThat(byKey).containsOnlyKeys(keys);
        assertThat(header(byKey.get(garbageKey), "dead-letter-reason")).startsWith("not JSON");
        assertThat(header(byKey.get(unknownTypeKey), "dead-letter-reason"))
                .contains("unknown event type or schema version: 'BatchExploded' v1");
        assertThat(header(byKey.get(invalidKey), "dead-letter-reason")).contains("invalid BatchPlanned v1")
                .contains("quantity");
        assertThat(header(byKey.get(orphan.toString()), "dead-letter-reason")).contains("is unknown");
        for (ConsumerRecord<String, byte[]> record : byKey.values()) {
            assertThat(header(record, "dead-letter-topic")).isEqualTo("production-events");
            assertThat(Integer.parseInt(header(record, "dead-letter-partition"))).isBetween(0, 5);
            assertThat(Long.parseLong(header(record, "dead-letter-offset"))).isNotNegative();
            assertThat(header(record, "dead-letter-consumer-group")).isEqualTo("qc-service");
        }
        assertThat(new String(byKey.get(garbageKey).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
