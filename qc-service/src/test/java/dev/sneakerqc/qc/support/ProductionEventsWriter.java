package dev.sneakerqc.qc.support;

import dev.sneakerqc.contract.CloudEventHeaders;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
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
import dev.sneakerqc.infra.kafka.TopicWriter;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes production events to {@code production-events} as the catalog's relay does (same envelope, key and
 * CloudEvents headers), so QC's consumer can be tested against the real broker without the catalog.
 */
public final class ProductionEventsWriter implements AutoCloseable {

    private final TopicWriter writer = new TopicWriter(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), Topics.PRODUCTION_EVENTS);

    /** The events of a batch planned and walked through every stage: sequence 1 to 6. */
    public static List<EventEnvelope> finishedBatch(UUID batchId, String batchNumber, String styleCode,
                                                    String factoryCode, String line, int quantity) {
        return ProductionEvents.finishedBatch(batchId,
                new BatchPlanned(batchNumber, styleCode, "Model " + styleCode, line, ModelCategory.RUNNING,
                        factoryCode, "US", quantity, List.of(new MaterialLot(Component.OUTSOLE, "LOT-1")),
                        new LabelDecision(LabelStatus.MADE_IN_USA, LabelPolicy.NB_70, new BigDecimal("0.8000"),
                                "test"), BatchStatus.PLANNED), EventJson.eventTime(Instant.now()));
    }

    public void write(List<EventEnvelope> events) {
        events.forEach(this::write);
    }

    public void write(EventEnvelope event) {
        writer.write(event.aggregateKey(), EventJson.write(event).getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventHeaders.ID, event.eventId().toString(), CloudEventHeaders.TYPE, event.type()));
    }

    /** Writes any bytes, e.g. a poison record. */
    public void writeRaw(String key, byte[] value) {
        writer.write(key, value, Map.of());
    }

    @Override
    public void close() {
        writer.close();
    }
}
