package dev.sneakerqc.bench;

import dev.sneakerqc.contract.CloudEventHeaders;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.TimeOrderedIds;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.MaterialLot;
import dev.sneakerqc.contract.production.ModelCategory;
import dev.sneakerqc.contract.production.ProductionEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A backlog of production events written straight to {@code production-events}, as the catalog's relay writes
 * them (same envelope, key and CloudEvents headers): batches of the bench's model, each planned and walked through
 * all five stages (6 events), so QC opens an inspection for each.
 */
public final class Backlog {

    private static final String SOURCE = "/sneakerqc/catalog-service";

    private Backlog() {
    }

    /** Writes at least {@code events} events (whole batches of 6); returns how many it wrote. */
    public static long write(String bootstrapServers, long events) {
        long batches = (events + 5) / 6;
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Batch numbers must look like the catalog's (<factory>-<year>-<6 digits>); a "year" from 3000 on, changing
        // every minute, keeps them apart from the catalog's and from earlier backlogs.
        long year = 3000 + (System.currentTimeMillis() / 60_000) % 6000;
        long written = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long b = 0; b < batches; b++) {
                for (EventEnvelope event : batch(TimeOrderedIds.next(), "%s-%d-%06d".formatted(Api.FACTORY, year, b))) {
                    producer.send(record(event));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    static List<EventEnvelope> batch(UUID batchId, String batchNumber) {
        return ProductionEvents.finishedBatch(batchId,
                new BatchPlanned(batchNumber, Api.MODEL, "Bench 990", "990", ModelCategory.RUNNING, Api.FACTORY, "US",
                        500, List.of(new MaterialLot(Component.OUTSOLE, "VIB-BENCH-1")),
                        new LabelDecision(LabelStatus.MADE_IN_USA, LabelPolicy.NB_70, new BigDecimal("0.7922"),
                                "factory BEN is in the US and domestic value share 0.7922 is at least 0.70 (NB_70)"),
                        BatchStatus.PLANNED), EventJson.eventTime(Instant.now()));
    }

    private static ProducerRecord<String, byte[]> record(EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.of(event.eventId(), event.type(), event.schemaVersion(), SOURCE, event.occurredAt(),
                event.aggregateKey())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topics.PRODUCTION_EVENTS, null, event.aggregateKey(),
                EventJson.write(event).getBytes(StandardCharsets.UTF_8), headers);
    }
}
