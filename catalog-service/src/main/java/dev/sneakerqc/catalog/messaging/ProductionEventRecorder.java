package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.Factory;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
import dev.sneakerqc.catalog.domain.SneakerModel;
import dev.sneakerqc.catalog.domain.StageChange;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.TimeOrderedIds;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.BatchQcOutcome;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.MaterialLot;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.support.outbox.OutboxWriter;
import dev.sneakerqc.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The events of batch changes, recorded in the outbox inside the transaction making the change; the relay
 * publishes them to {@code production-events} keyed by batch id. A stage change's event goes in with the change
 * itself ({@code BatchWrites}), in one statement. Each change, once committed, is also told to this instance's
 * {@link BatchCache}.
 */
@ApplicationScoped
public class ProductionEventRecorder {

    private final OutboxWriter outbox;
    private final AfterCommit afterCommit;
    private final BatchCache cache;

    public ProductionEventRecorder(OutboxWriter outbox, AfterCommit afterCommit, BatchCache cache) {
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.cache = cache;
    }

    public void batchPlanned(Batch batch, SneakerModel model, Factory factory) {
        BatchPlanned data = new BatchPlanned(batch.batchNumber(), model.styleCode(), model.name(), model.line(),
                model.category(), factory.code(), factory.country(), batch.quantity(),
                batch.materialLots().stream().map(ProductionEventRecorder::toContract).toList(), batch.label(),
                batch.status());
        record(EventEnvelope.wrap(ProductionEvents.BATCH_PLANNED, TimeOrderedIds.next(), batch.plannedAt(), batch.id(),
                batch.lastEventSequence(), data));
    }

    /**
     * The event of a stage change. It is not recorded here: {@code BatchWrites} writes it to the outbox in the
     * statement that writes the change, after which {@link #stageChangeWritten} is to be told.
     */
    public EventEnvelope stageCompleted(StageChange change) {
        BatchSnapshot batch = change.after();
        StageCompletion completion = change.completion();
        BatchStageCompleted data = new BatchStageCompleted(batch.batchNumber(), batch.styleCode(),
                batch.factoryCode(), completion.stage(), change.before().stage(), batch.status());
        return EventEnvelope.wrap(ProductionEvents.BATCH_STAGE_COMPLETED, TimeOrderedIds.next(),
                completion.completedAt(), batch.id(), completion.sequence(), data);
    }

    /**
     * A stage change and its event ({@link #stageCompleted}) were written: once that is committed (at once when
     * written outside a transaction), the batch cache is told.
     */
    public void stageChangeWritten(EventEnvelope event) {
        tellCacheOnCommit(event);
    }

    public void verdictApplied(Batch batch, long sequence, UUID verdictEventId, Instant at) {
        BatchQcOutcome data = new BatchQcOutcome(batch.batchNumber(), batch.styleCode(), batch.factoryCode(),
                batch.status(), verdictEventId);
        record(EventEnvelope.wrap(batch.status() == BatchStatus.RELEASED ? ProductionEvents.BATCH_RELEASED
                : ProductionEvents.BATCH_REJECTED, TimeOrderedIds.next(), at, batch.id(), sequence, data));
    }

    private void record(EventEnvelope envelope) {
        outbox.append(Topics.PRODUCTION_EVENTS, envelope);
        tellCacheOnCommit(envelope);
    }

    /**
     * Tells this instance's batch cache of the change once it is committed (at once outside a transaction, where it
     * already is), before the request that made it is answered; other instances learn of it from the event.
     */
    private void tellCacheOnCommit(EventEnvelope event) {
        afterCommit.once(event.eventId(), () -> cache.changed(event.batchId(), event.sequence()));
    }

    private static MaterialLot toContract(MaterialLotLine line) {
        return new MaterialLot(line.component(), line.supplierLotNumber());
    }
}
