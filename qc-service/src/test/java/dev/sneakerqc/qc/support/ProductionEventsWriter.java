package dev.sneakerqc.qc.support;

import dev.sneakerqc.contract.CloudEventHeaders;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.MaterialLot;
import dev.sneakerqc.contract.production.ModelCategory;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Writes production events to {@code production-events} as the catalog's relay does (same envelope, key and
 * CloudEvents headers), so QC's consumer can be tested against the real broker without the catalog.
 */
public final class ProductionEventsWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ProductionEventsWriter() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The events of a batch planned and walked through every stage: sequence 1 to 6. */
    public static List<EventEnvelope> finishedBatch(UUID batchId, String batchNumber, String styleCode,
                                                    String factoryCode, String line, int quantity) {
        List<EventEnvelope> events = new ArrayList<>();
        Instant at = EventJson.eventTime(Instant.now());
        events.add(EventEnvelope.wrap(ProductionEvents.BATCH_PLANNED, UUID.randomUUID(), at, batchId, 1,
                new BatchPlanned(batchNumber, styleCode, "Model " + styleCode, line, ModelCategory.RUNNING,
                        factoryCode, "US", quantity, List.of(new MaterialLot(Component.OUTSOLE, "LOT-1")),
                        new LabelDecision(LabelStatus.MADE_IN_USA, LabelPolicy.NB_70, new BigDecimal("0.8000"),
                                "test"), BatchStatus.PLANNED)));
        ProductionStage previous = null;
        long sequence = 2;
        for (ProductionStage stage : ProductionStage.values()) {
            events.add(EventEnvelope.wrap(ProductionEvents.BATCH_STAGE_COMPLETED, UUID.randomUUID(), at, batchId,
                    sequence++, new BatchStageCompleted(batchNumber, styleCode, factoryCode, stage, previous,
                            stage == ProductionStage.FINISHED ? BatchStatus.IN_QC : BatchStatus.IN_PRODUCTION)));
            previous = stage;
        }
        return events;
    }

    public void write(List<EventEnvelope> events) {
        events.forEach(this::write);
        producer.flush();
    }

    public void write(EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        writeRaw(event.aggregateKey(), EventJson.write(event).getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Writes any bytes, e.g. a poison record. */
    public void writeRaw(String key, byte[] value, RecordHeaders headers) {
        try {
            producer.send(new ProducerRecord<>(Topics.PRODUCTION_EVENTS, null, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to production-events", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
