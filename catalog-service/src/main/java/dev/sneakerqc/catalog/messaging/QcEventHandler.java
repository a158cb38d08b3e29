package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.service.VerdictIntake;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.support.consumer.DeadLetters;
import dev.sneakerqc.support.consumer.EventBatchHandler;
import dev.sneakerqc.support.consumer.EventRecords;
import dev.sneakerqc.support.consumer.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of qc-events records: {@code VerdictIssued} releases or rejects the batch; the other QC events
 * concern QC alone and are passed over. A record that is not a valid QC event, or a verdict for a batch the catalog
 * does not know, is dead-lettered. An event id seen before changes nothing.
 */
@ApplicationScoped
public class QcEventHandler implements EventBatchHandler {

    private final ProcessedEvents processed;
    private final VerdictIntake verdicts;

    public QcEventHandler(ProcessedEvents processed, VerdictIntake verdicts) {
        this.processed = processed;
        this.verdicts = verdicts;
    }

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records, DeadLetters deadLetters) {
        List<Received> verdictsReceived = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventRecords.Decoded decoded = EventRecords.decode(record, QcEvents.ALL);
            if (decoded.refused()) {
                deadLetters.send(record, decoded.refusal());
            } else if (decoded.event().is(QcEvents.VERDICT_ISSUED)) {
                verdictsReceived.add(new Received(record, decoded.event()));
            }
        }
        if (verdictsReceived.isEmpty()) {
            return;
        }
        Set<UUID> skip = new HashSet<>(processed.appliedBefore(
                verdictsReceived.stream().map(received -> received.event().eventId()).toList()));
        List<ProcessedEvents.Applied> applied = new ArrayList<>(verdictsReceived.size());
        for (Received received : verdictsReceived) {
            EventEnvelope event = received.event();
            if (!skip.add(event.eventId())) {
                continue; // applied before, or earlier in this poll
            }
            String notApplicable = verdicts.refusalOf(event);
            if (notApplicable != null) {
                deadLetters.send(received.record(), notApplicable);
            } else {
                verdicts.apply(event);
                applied.add(new ProcessedEvents.Applied(event.eventId(), received.record()));
            }
        }
        processed.recordApplied(applied);
    }

    private record Received(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
    }
}
