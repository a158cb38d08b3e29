package dev.sneakerqc.qc.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.persistence.InspectionRows;
import dev.sneakerqc.qc.persistence.QcBatchRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies production events to QC's knowledge of batches: {@code BatchPlanned} creates the batch's QC record;
 * {@code BatchStageCompleted} with {@code FINISHED} creates its inspection. Events must arrive in sequence per
 * batch: an event already applied (the batch known, or its sequence reached) is skipped, a gap is refused
 * (dead-lettered, to be redriven once the missing event is in).
 *
 * <p>Events are applied a poll at a time through a {@link Round}, which loads the batches they concern in one
 * query and keeps them in memory, then writes what changed in one statement per table ({@link Round#write}), so
 * that a poll costs a few statements however many events it holds. The rows are read and written in plain SQL.
 */
@ApplicationScoped
public class BatchIntake {

    private final QcBatchRows batches;
    private final InspectionRows inspections;
    private final InspectionOpening opening;
    private final InspectionOpener opener;
    private final StreamSwitching switching;

    public BatchIntake(QcBatchRows batches, InspectionRows inspections, InspectionOpening opening,
                       InspectionOpener opener, StreamSwitching switching) {
        this.batches = batches;
        this.inspections = inspections;
        this.opening = opening;
        this.opener = opener;
        this.switching = switching;
    }

    /** Begins applying events of the given batches in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Round begin(Collection<UUID> batchIds) {
        return new Round(batches.byIds(batchIds), switching.discontinuedStreams());
    }

    /**
     * One poll's worth of events being applied: the batches they concern, as this transaction has them, and what
     * the events changed, until {@link #write} writes it.
     */
    public final class Round {

        private final Map<UUID, QcBatch> known;
        private final Set<String> discontinuedStreams;
        private final Map<UUID, QcBatch> created = new LinkedHashMap<>();
        private final Map<UUID, QcBatch> advanced = new LinkedHashMap<>();
        private final List<Inspection> createdInspections = new ArrayList<>();

        private Round(Map<UUID, QcBatch> known, Set<String> discontinuedStreams) {
            this.known = known;
            this.discontinuedStreams = discontinuedStreams;
        }

        /**
         * Why the event cannot be applied in the current state (its batch is unknown, or an earlier event of the
         * batch is missing), or null when it can. Looks only; changes nothing.
         */
        public String refusalOf(EventEnvelope event) {
            if (event.is(ProductionEvents.BATCH_PLANNED)) {
                return null;
            }
            QcBatch batch = known.get(event.batchId());
            if (batch == null) {
                return "batch " + event.batchId() + " is unknown: its BatchPlanned event was never applied";
            }
            if (event.sequence() > batch.lastProductionSequence() + 1) {
                return "sequence gap for batch " + event.batchId() + ": expected "
                        + (batch.lastProductionSequence() + 1) + ", got " + event.sequence();
            }
            return null;
        }

        /**
         * Applies an event that {@link #refusalOf} accepted. An event applied before (its batch planned already,
         * or its sequence reached) changes nothing: repeats are recognised by the batch's state, so this is
         * idempotent without looking up the event's id.
         *
         * @return whether the event changed anything (false for a repeat)
         */
        public boolean apply(EventEnvelope event) {
            QcBatch batch = known.get(event.batchId());
            if (event.is(ProductionEvents.BATCH_PLANNED)) {
                if (batch != null) {
                    return false;
                }
                QcBatch created = plannedBatch(event);
                known.put(created.batchId(), created);
                this.created.put(created.batchId(), created);
                return true;
            }
            if (event.sequence() <= batch.lastProductionSequence()) {
                return false;
            }
            ProductionStage stage = event.is(ProductionEvents.BATCH_STAGE_COMPLETED) ? completedStage(event) : null;
            batch.advance(event.sequence(), stage, event.occurredAt());
            if (!created.containsKey(batch.batchId())) {
                advanced.put(batch.batchId(), batch);
            }
            if (stage == ProductionStage.FINISHED) {
                createdInspections.add(opening.create(batch, event.occurredAt(),
                        discontinuedStreams.contains(QcEvents.streamKey(batch.factoryCode(), batch.line()))));
                opener.wakeAfterCommit();
            }
            return true;
        }

        /**
         * The stage a BatchStageCompleted event completed, read off its data, which the schema check made one of
         * the stages. Mapping all of its data to its record took about 6 µs of each event (JFR of an ingest).
         */
        private static ProductionStage completedStage(EventEnvelope event) {
            return ProductionStage.valueOf(event.data().get("stage").asText());
        }

        /**
         * QC's record of a batch from its BatchPlanned event: five of the fields of its data, read off the data,
         * which the schema check made complete and typed. Binding the whole of it to {@link BatchPlanned} (its
         * material lots, its label) used the data binder, whose compiled code a fresh instance then compiled
         * again when the catalog's profiles came in through the same binder (bench/HISTORY.md, "The JIT's work
         * in a catch-up").
         */
        static QcBatch plannedBatch(EventEnvelope event) {
            JsonNode data = event.data();
            return new QcBatch(event.batchId(), data.get("batchNumber").asText(), data.get("styleCode").asText(),
                    data.get("factoryCode").asText(), data.get("line").asText(), data.get("quantity").asInt(),
                    event.occurredAt());
        }

        /** Writes what the events applied changed: new batches, batches advanced, new inspections. */
        public void write() {
            batches.insertAll(created.values());
            batches.updateProgress(advanced.values());
            inspections.insertNew(createdInspections);
        }
    }
}
