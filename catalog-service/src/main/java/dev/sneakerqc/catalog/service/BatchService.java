package dev.sneakerqc.catalog.service;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.BomLine;
import dev.sneakerqc.catalog.domain.Factory;
import dev.sneakerqc.catalog.domain.MadeInUsaLabeling;
import dev.sneakerqc.catalog.domain.BatchSnapshot;
import dev.sneakerqc.catalog.domain.MaterialLotLine;
import dev.sneakerqc.catalog.domain.SneakerModel;
import dev.sneakerqc.catalog.domain.StageChange;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.catalog.messaging.ProductionEventRecorder;
import dev.sneakerqc.catalog.persistence.BatchReads;
import dev.sneakerqc.catalog.persistence.BatchRepository;
import dev.sneakerqc.catalog.persistence.BatchWrites;
import dev.sneakerqc.catalog.persistence.ChangedBatches;
import dev.sneakerqc.catalog.persistence.FactoryRepository;
import dev.sneakerqc.catalog.persistence.SneakerModelRepository;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.TimeOrderedIds;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.tx.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plans production batches and walks them through the production stages. Every change is committed together
 * with the event announcing it.
 */
@ApplicationScoped
public class BatchService {

    private final BatchRepository batches;
    private final SneakerModelRepository models;
    private final FactoryRepository factories;
    private final MadeInUsaLabeling labeling;
    private final ProductionEventRecorder events;
    private final Clock clock;
    private final BatchReads reads;
    private final BatchWrites writes;
    private final ChangedBatches changed;
    private final AfterCommit afterCommit;

    public BatchService(BatchRepository batches, SneakerModelRepository models, FactoryRepository factories,
                        MadeInUsaLabeling labeling, ProductionEventRecorder events, Clock clock, BatchReads reads,
                        BatchWrites writes, ChangedBatches changed, AfterCommit afterCommit) {
        this.batches = batches;
        this.reads = reads;
        this.writes = writes;
        this.changed = changed;
        this.afterCommit = afterCommit;
        this.models = models;
        this.factories = factories;
        this.labeling = labeling;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Batch plan(String styleCode, String factoryCode, int quantity, List<MaterialLotLine> materialLots) {
        Optional<SneakerModel> model = models.findByIdOptional(styleCode);
        Optional<Factory> factory = factories.findByIdOptional(factoryCode);
        List<FieldError> unknown = new ArrayList<>();
        model.ifPresentOrElse(found -> { }, () -> unknown.add(
                new FieldError("styleCode", "no model with style code " + styleCode)));
        factory.ifPresentOrElse(found -> { }, () -> unknown.add(
                new FieldError("factoryCode", "no factory with code " + factoryCode)));
        if (!unknown.isEmpty()) {
            throw Problems.unknownReferences(unknown);
        }
        requireLotsOfModelComponents(model.get(), materialLots);

        Instant now = clock.instant();
        int year = now.atOffset(ZoneOffset.UTC).getYear();
        int number = batches.nextBatchNumber(factoryCode, year);
        String batchNumber = "%s-%d-%06d".formatted(factoryCode, year, number);
        Batch batch = Batch.plan(TimeOrderedIds.next(), batchNumber, model.get(), factory.get(), quantity, materialLots,
                labeling.decide(factory.get(), model.get()), now);
        batches.persist(batch);
        events.batchPlanned(batch, model.get(), factory.get());
        return batch;
    }

    /**
     * Completes the next stage of a batch. First optimistically: on the batch as this instance's last change of it
     * left it ({@link ChangedBatches}) if it holds it, else as read without a lock, the change is written only if
     * no other change of the batch came in between ({@link BatchWrites#recordIfUnchanged}); outside a transaction
     * that is one statement for a held batch and two for one read, each committing by itself. A held batch found
     * changed is let go and the batch read. When the read does not succeed either (the batch changed in between,
     * or the read does not allow the stage, or finds no batch), the batch is read again locked, in a transaction,
     * and the answer given from that read is final.
     *
     * @throws dev.sneakerqc.catalog.domain.StageOutOfOrderException when it is not the next stage
     */
    public BatchSnapshot completeStage(UUID batchId, ProductionStage stage) {
        Optional<BatchSnapshot> held = changed.find(batchId).filter(batch -> batch.nextStage() == stage);
        if (held.isPresent()) {
            Optional<BatchSnapshot> done = completeIfUnchanged(held.get(), stage);
            if (done.isPresent()) {
                return done.get();
            }
            changed.forget(batchId);
        }
        Optional<BatchSnapshot> read = reads.find(batchId);
        if (read.isPresent() && read.get().nextStage() == stage) {
            Optional<BatchSnapshot> done = completeIfUnchanged(read.get(), stage);
            if (done.isPresent()) {
                return done.get();
            }
        }
        return QuarkusTransaction.joiningExisting().call(() -> completeStageLocked(batchId, stage));
    }

    /** The change written if the batch is still at {@code batch}'s change; empty (nothing written) if it is not. */
    private Optional<BatchSnapshot> completeIfUnchanged(BatchSnapshot batch, ProductionStage stage) {
        StageChange change = batch.completeStage(stage, clock.instant());
        EventEnvelope event = events.stageCompleted(change);
        if (!writes.recordIfUnchanged(change, event)) {
            return Optional.empty();
        }
        written(change, event);
        return Optional.of(change.after());
    }

    private BatchSnapshot completeStageLocked(UUID batchId, ProductionStage stage) {
        BatchSnapshot batch = writes.lockForChange(batchId).orElseThrow(() -> Problems.notFound("batch", batchId));
        StageChange change = batch.completeStage(stage, clock.instant());
        EventEnvelope event = events.stageCompleted(change);
        writes.record(change, event);
        written(change, event);
        return change.after();
    }

    /** Once the change is committed, the batch is held as it left it, and the batch cache is told. */
    private void written(StageChange change, EventEnvelope event) {
        afterCommit.once(change, () -> this.changed.changed(change.after()));
        events.stageChangeWritten(event);
    }

    public Batch get(UUID batchId) {
        return batches.findByIdOptional(batchId).orElseThrow(() -> Problems.notFound("batch", batchId));
    }

    /** The batch as read by id: one statement, no entity. */
    public BatchSnapshot read(UUID batchId) {
        return reads.find(batchId).orElseThrow(() -> Problems.notFound("batch", batchId));
    }

    public List<StageCompletion> history(UUID batchId) {
        get(batchId);
        return batches.history(batchId);
    }

    public BatchRepository.Result search(BatchRepository.Criteria criteria, int page, int size) {
        return batches.search(criteria, page, size);
    }

    private static void requireLotsOfModelComponents(SneakerModel model, List<MaterialLotLine> lots) {
        Set<Component> components = model.billOfMaterials().stream().map(BomLine::component)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Component.class)));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < lots.size(); i++) {
            Component component = lots.get(i).component();
            if (component == Component.LABOUR) {
                errors.add(new FieldError("materialLots[" + i + "].component", "labour is not a material lot"));
            } else if (!components.contains(component)) {
                errors.add(new FieldError("materialLots[" + i + "].component", component
                        + " is not in the bill of materials of model " + model.styleCode()));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.unprocessable(errors);
        }
    }
}
