package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionHeld;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.StreamLotJudged;
import dev.sneakerqc.contract.qc.StreamResumed;
import dev.sneakerqc.contract.qc.TestResultRecorded;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.contract.qc.VerdictIssued;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The QC read models rebuilt in memory from the event topics: production-events first (as far as the live
 * consumer had applied them), then qc-events. Applies each event exactly as the live service did when it made
 * the change, with the same refusals and the same idempotency, and without side effects (no REST calls, no
 * events, no outbox). Times come from the events, which carry the times the live service stored.
 */
final class ReplayModel {

    static final String AWAITING_REASON = "fetching the model's QC profile from the catalog";
    static final String RESUMED_REASON = "stream resumed; fetching the model's QC profile from the catalog";

    static final class BatchRow {
        UUID batchId;
        String batchNumber;
        String styleCode;
        String factoryCode;
        String line;
        int quantity;
        ProductionStage stage;
        long lastProductionSequence;
        Instant plannedAt;
        Instant updatedAt;
    }

    static final class InspectionRow {
        UUID batchId;
        String status;
        QcProfile profile;
        Map<DefectClass, ClassPlan> plans;
        Integer samplePairs;
        Verdict verdict;
        String awaitingReason;
        Instant finishedAt;
        Instant openedAt;
        Instant decidedAt;
        long lastEventSequence;
    }

    static final class ResultRow {
        UUID batchId;
        int sampleUnit;
        DurabilityTestMethod method;
        DefectClass defectClass;
        BigDecimal value;
        boolean passed;
        String technician;
        String equipmentId;
        Instant recordedAt;
        int corrections;
    }

    record AuditRow(UUID batchId, int sampleUnit, DurabilityTestMethod method, BigDecimal value, boolean passed,
                    String technician, String equipmentId, Instant recordedAt, boolean correction, String reason,
                    BigDecimal replacedValue) {
    }

    record ResultKey(UUID batchId, int sampleUnit, DurabilityTestMethod method) {
    }

    record StreamKey(String factoryCode, String line) {
    }

    record StateKey(String factoryCode, String line, DefectClass defectClass) {
    }

    record StateRow(StateKey key, StreamLotJudged.SwitchingStateSnapshot state, Instant updatedAt) {
    }

    record LotRow(String factoryCode, String line, DefectClass defectClass, UUID batchId, String batchNumber,
                  InspectionSeverity severity, boolean accepted, int nonconforming, Instant decidedAt) {
    }

    record CorrectiveActionRow(String factoryCode, String line, String description, String by, Instant recordedAt) {
    }

    final Map<UUID, BatchRow> batches = new LinkedHashMap<>();
    final Map<UUID, InspectionRow> inspections = new LinkedHashMap<>();
    final Map<ResultKey, ResultRow> results = new LinkedHashMap<>();
    final List<AuditRow> audit = new ArrayList<>();
    final Map<StreamKey, Long> streams = new LinkedHashMap<>();
    final Map<StateKey, StateRow> states = new LinkedHashMap<>();
    final List<LotRow> lots = new ArrayList<>();
    final List<CorrectiveActionRow> correctiveActions = new ArrayList<>();
    /** The production events applied, each once: the rebuilt {@code processed_event} rows. */
    final AppliedEvents processed = new AppliedEvents();

    private final UUID onlyBatch;
    private final AppliedEvents appliedQcEvents = new AppliedEvents();
    /**
     * One instance of each value that many rows repeat (codes, names, profiles, sampling plans), so that the
     * model of a long history holds each once rather than once per batch or result.
     */
    private final Map<Object, Object> shared = new HashMap<>();

    /** A model of everything, or of one batch only ({@code onlyBatch} non-null: stream state is left out). */
    ReplayModel(UUID onlyBatch) {
        this.onlyBatch = onlyBatch;
    }

    /** Whether a record's key concerns this model at all; records that don't are skipped unread. */
    boolean concerns(ConsumerRecord<String, byte[]> record) {
        return onlyBatch == null || onlyBatch.toString().equals(record.key());
    }

    /** Applies a decoded production-events record as the live consumer did (it dead-lettered refused ones). */
    void applyProductionEvent(ReplayEvent replayed) {
        if (replayed.refused()) {
            return;
        }
        ConsumerRecord<String, byte[]> record = replayed.decoded().record();
        EventEnvelope event = replayed.event();
        BatchRow batch = batches.get(event.batchId());
        boolean planned = event.is(ProductionEvents.BATCH_PLANNED);
        if (!planned && (batch == null || event.sequence() > batch.lastProductionSequence + 1)) {
            return; // the live consumer dead-lettered it
        }
        if (!processed.add(event.eventId(), record.partition(), record.offset())) {
            return;
        }
        if (planned) {
            if (batch == null) {
                BatchPlanned data = replayed.data(ProductionEvents.BATCH_PLANNED);
                BatchRow row = new BatchRow();
                row.batchId = event.batchId();
                row.batchNumber = data.batchNumber();
                row.styleCode = shared(data.styleCode());
                row.factoryCode = shared(data.factoryCode());
                row.line = shared(data.line());
                row.quantity = data.quantity();
                row.lastProductionSequence = 1;
                row.plannedAt = event.occurredAt();
                row.updatedAt = event.occurredAt();
                batches.put(row.batchId, row);
            }
            return;
        }
        if (event.sequence() <= batch.lastProductionSequence) {
            return;
        }
        ProductionStage stage = event.is(ProductionEvents.BATCH_STAGE_COMPLETED)
                ? replayed.data(ProductionEvents.BATCH_STAGE_COMPLETED).stage() : null;
        batch.lastProductionSequence = event.sequence();
        if (stage != null) {
            batch.stage = stage;
        }
        batch.updatedAt = event.occurredAt();
        if (stage == ProductionStage.FINISHED) {
            InspectionRow inspection = new InspectionRow();
            inspection.batchId = batch.batchId;
            inspection.status = "AWAITING_PROFILE";
            inspection.awaitingReason = AWAITING_REASON;
            inspection.finishedAt = event.occurredAt();
            inspections.put(inspection.batchId, inspection);
        }
    }

    /** Applies a decoded qc-events record: the change the live service made when it emitted it. */
    void applyQcEvent(ReplayEvent replayed) {
        if (replayed.refused()) {
            return;
        }
        EventEnvelope event = replayed.event();
        ConsumerRecord<String, byte[]> record = replayed.decoded().record();
        if (!appliedQcEvents.add(event.eventId(), record.partition(), record.offset())) {
            return; // delivered twice
        }
        if (event.batchId() != null) {
            applyInspectionEvent(replayed);
        } else if (onlyBatch == null) {
            applyStreamEvent(replayed);
        }
    }

    private void applyInspectionEvent(ReplayEvent replayed) {
        EventEnvelope event = replayed.event();
        InspectionRow inspection = inspections.get(event.batchId());
        if (inspection == null) {
            return;
        }
        inspection.lastEventSequence = event.sequence();
        Instant at = event.occurredAt();
        if (event.is(QcEvents.INSPECTION_OPENED)) {
            InspectionOpened opened = replayed.data(QcEvents.INSPECTION_OPENED);
            inspection.status = "OPEN";
            inspection.profile = shared(opened.profile());
            inspection.plans = shared(opened.plans());
            inspection.samplePairs = opened.samplePairs();
            inspection.awaitingReason = null;
            inspection.openedAt = at;
        } else if (event.is(QcEvents.INSPECTION_HELD)) {
            InspectionHeld held = replayed.data(QcEvents.INSPECTION_HELD);
            inspection.status = "ON_HOLD";
            inspection.awaitingReason = held.reason();
        } else if (event.is(QcEvents.TEST_RESULT_RECORDED)) {
            recordResult(event.batchId(), replayed.data(QcEvents.TEST_RESULT_RECORDED), at);
        } else if (event.is(QcEvents.VERDICT_ISSUED)) {
            VerdictIssued verdict = replayed.data(QcEvents.VERDICT_ISSUED);
            inspection.verdict = verdict.verdict();
            inspection.status = verdict.verdict().name();
            inspection.decidedAt = at;
        }
    }

    private void recordResult(UUID batchId, TestResultRecorded recorded, Instant at) {
        ResultKey key = new ResultKey(batchId, recorded.sampleUnit(), recorded.method());
        ResultRow result = results.get(key);
        if (result == null) {
            result = new ResultRow();
            result.batchId = batchId;
            result.sampleUnit = recorded.sampleUnit();
            result.method = recorded.method();
            result.defectClass = recorded.defectClass();
            results.put(key, result);
        } else {
            result.corrections++;
        }
        result.value = recorded.value();
        result.passed = recorded.passed();
        result.technician = shared(recorded.technician());
        result.equipmentId = shared(recorded.equipmentId());
        result.recordedAt = at;
        audit.add(new AuditRow(batchId, recorded.sampleUnit(), recorded.method(), recorded.value(), recorded.passed(),
                result.technician, result.equipmentId, at, recorded.correction(), recorded.reason(),
                recorded.replacedValue()));
    }

    private void applyStreamEvent(ReplayEvent replayed) {
        EventEnvelope event = replayed.event();
        String[] key = event.streamKey().split("/", 2);
        StreamKey stream = new StreamKey(key[0], key[1]);
        streams.put(stream, event.sequence());
        Instant at = event.occurredAt();
        if (event.is(QcEvents.STREAM_LOT_JUDGED)) {
            StreamLotJudged lot = replayed.data(QcEvents.STREAM_LOT_JUDGED);
            StateKey state = new StateKey(lot.factoryCode(), lot.line(), lot.defectClass());
            states.put(state, new StateRow(state, lot.stateAfter(), at));
            lots.add(new LotRow(shared(lot.factoryCode()), shared(lot.line()), lot.defectClass(), lot.batchId(),
                    lot.batchNumber(), lot.severity(), lot.accepted(), lot.nonconforming(), at));
        } else if (event.is(QcEvents.STREAM_RESUMED)) {
            StreamResumed resumed = replayed.data(QcEvents.STREAM_RESUMED);
            for (DefectClass defectClass : resumed.classes()) {
                StateKey state = new StateKey(resumed.factoryCode(), resumed.line(), defectClass);
                states.put(state, new StateRow(state, new StreamLotJudged.SwitchingStateSnapshot(
                        InspectionSeverity.TIGHTENED, "", 0, 0, false), at));
            }
            correctiveActions.add(new CorrectiveActionRow(resumed.factoryCode(), resumed.line(), resumed.description(),
                    resumed.by(), at));
            for (InspectionRow inspection : inspections.values()) {
                BatchRow batch = batches.get(inspection.batchId);
                if ("ON_HOLD".equals(inspection.status) && batch != null
                        && batch.factoryCode.equals(resumed.factoryCode()) && batch.line.equals(resumed.line())) {
                    inspection.status = "AWAITING_PROFILE";
                    inspection.awaitingReason = RESUMED_REASON;
                }
            }
        }
        // SeverityChanged and StreamDiscontinued repeat what the StreamLotJudged before them carries.
    }

    /** Events applied, for the progress report. */
    int size() {
        return processed.size() + appliedQcEvents.size();
    }

    /** The instance of an equal value seen before, else this one (values are immutable records and strings). */
    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        return value == null ? null : (T) shared.computeIfAbsent(value, first -> first);
    }
}
