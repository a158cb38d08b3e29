package dev.sneakerqc.catalog.service;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.messaging.ProductionEventRecorder;
import dev.sneakerqc.catalog.persistence.BatchRepository;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.VerdictIssued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Applies QC verdicts to batches: ACCEPTED releases a batch in QC, REJECTED rejects it; each is announced on
 * production-events. A verdict applied before changes nothing.
 */
@ApplicationScoped
public class VerdictIntake {

    private final BatchRepository batches;
    private final ProductionEventRecorder events;
    private final Clock clock;

    public VerdictIntake(BatchRepository batches, ProductionEventRecorder events, Clock clock) {
        this.batches = batches;
        this.events = events;
        this.clock = clock;
    }

    /** Why the verdict cannot be applied (its batch is unknown here), or null when it can. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String refusalOf(EventEnvelope verdict) {
        return batches.findByIdOptional(verdict.batchId()).isPresent() ? null
                : "verdict for batch " + verdict.batchId() + ", which the catalog does not know";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        VerdictIssued verdict = event.dataAs(QcEvents.VERDICT_ISSUED);
        Batch batch = batches.findForUpdate(event.batchId()).orElseThrow();
        Instant now = clock.instant();
        OptionalLong sequence = batch.applyVerdict(verdict.verdict(), now);
        if (sequence.isPresent()) {
            events.verdictApplied(batch, sequence.getAsLong(), event.eventId(), now);
        }
    }
}
