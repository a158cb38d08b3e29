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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of production-events records. A record is dead-lettered when it is not JSON, not an event of a
 * known type and schema version, invalid against its schema, keyed by another batch than its own, or cannot be
 * applied (unknown batch, sequence gap). An event applied before changes nothing: every production event carries
 * its batch's sequence, so a repeat (a redelivery, or the relay sending an event again) is recognised by the
 * batch's state ({@link BatchIntake.Round#apply}) without looking up its id.
 *
 * <p>A poll is applied set-wise, in a handful of statements: one to load the batches concerned, the changes in
 * memory, then one statement per table changed (new batches, batches advanced, new inspections) and one to record
 * the ids of the events applied. That record is also the guard against two instances applying the same records
 * during a rebalance: the second one's record finds the ids taken, and its transaction is rolled back and applied
 * again on the state the first one committed ({@link ProcessedEvents.AppliedConcurrently}).
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

        List<Received> received = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            EventRecords.Decoded decoded = EventRecords.decode(record, ProductionEvents.ALL);
            if (decoded.refused()) {
                deadLetters.send(record, decoded.refusal());
            } else {
                received.add(new Received(record, decoded.event()));
            }
        }
        Set<UUID> batchIds = new LinkedHashSet<>();
        received.forEach(event -> batchIds.add(event.event().batchId()));

        BatchIntake.Round round = intake.begin(batchIds);
        List<ProcessedEvents.Applied> applied = new ArrayList<>(received.size());
        for (Received event : received) {
            String notApplicable = round.refusalOf(event.event());
            if (notApplicable != null) {
                deadLetters.send(event.record(), notApplicable);
            } else if (round.apply(event.event())) { // the same event twice in one poll is applied once
                applied.add(new ProcessedEvents.Applied(event.event().eventId(), event.record()));
            }
        }
        round.write();
        processed.recordApplied(applied);
    }

    private record Received(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    }
}
