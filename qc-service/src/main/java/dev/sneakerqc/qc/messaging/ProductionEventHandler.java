package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.qc.replay.ReplayGate;
import dev.sneakerqc.qc.service.BatchIntake;
import dev.sneakerqc.support.consumer.DeadLetters;
import dev.sneakerqc.support.consumer.EventBatchHandler;
import dev.sneakerqc.support.consumer.EventRecords;
import dev.sneakerqc.support.consumer.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Applies a batch of production-events records. A record is dead-lettered when it is not JSON, not an event of a
 * known type and schema version, invalid against its schema, keyed by another batch than its own, or cannot be
 * applied (unknown batch, sequence gap). An event id seen before changes nothing.
 */
@ApplicationScoped
public class ProductionEventHandler implements EventBatchHandler {

    private final ProcessedEvents processed;
    private final BatchIntake intake;
    private final ReplayGate gate;

    public ProductionEventHandler(ProcessedEvents processed, BatchIntake intake, ReplayGate gate) {
        this.processed = processed;
        this.intake = intake;
        this.gate = gate;
    }

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records, DeadLetters deadLetters) {
        gate.requireNoReplay(); // while the state is rebuilt, the batch waits (retried, never dead-lettered)
        for (ConsumerRecord<String, byte[]> record : records) {
            EventRecords.Decoded decoded = EventRecords.decode(record, ProductionEvents.ALL);
            if (decoded.refused()) {
                deadLetters.send(record, decoded.refusal());
                continue;
            }
            EventEnvelope event = decoded.event();
            String notApplicable = intake.refusalOf(event);
            if (notApplicable != null) {
                deadLetters.send(record, notApplicable);
            } else if (processed.firstTime(event.eventId(), record.topic(), record.partition(), record.offset())) {
                intake.apply(event);
            }
        }
    }
}
