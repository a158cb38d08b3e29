package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionHeld;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionPlanner;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.messaging.QcEventRecorder;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.InspectionRows;
import dev.sneakerqc.qc.persistence.QcBatchRows;
import dev.sneakerqc.qc.replay.ReplayGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates the inspection of a finished batch and opens it once the model's QC profile is in: snapshot of the
 * profile, plans at the stream's severities, InspectionOpened. A batch of a discontinued stream is held.
 */
@ApplicationScoped
public class InspectionOpening {

    private final InspectionRepository inspections;
    private final InspectionRows inspectionRows;
    private final QcBatchRows batchRows;
    private final StreamSwitching switching;
    private final InspectionPlanner planner;
    private final QcEventRecorder events;
    private final ReplayGate gate;
    private final Clock clock;

    public InspectionOpening(InspectionRepository inspections, InspectionRows inspectionRows, QcBatchRows batchRows,
                             StreamSwitching switching, InspectionPlanner planner, QcEventRecorder events,
                             ReplayGate gate, Clock clock) {
        this.inspections = inspections;
        this.inspectionRows = inspectionRows;
        this.batchRows = batchRows;
        this.switching = switching;
        this.planner = planner;
        this.events = events;
        this.gate = gate;
        this.clock = clock;
    }

    /**
     * The batch finished production: its inspection waits for the profile, or is held when its stream is
     * discontinued (as the caller found it, for many batches at once). The caller inserts it
     * ({@link InspectionRows#insertNew}, many at once); an InspectionHeld event is in the outbox already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Inspection create(QcBatch batch, Instant finishedAt, boolean streamDiscontinued) {
        Inspection inspection = Inspection.awaitingProfile(batch.batchId(), finishedAt);
        if (streamDiscontinued) {
            hold(batch, inspection, finishedAt);
        }
        return inspection;
    }

    /**
     * Opens inspections with their fetched profiles, in one transaction: each that still waits for its profile
     * opens, or is held if its stream was discontinued meanwhile. The inspections are locked in one statement, in
     * a fixed order, and written back in one; the discontinued streams are read once, and each stream's
     * severities once; the InspectionOpened events go into the outbox in one batch.
     */
    @Transactional
    public void openAll(Map<UUID, QcProfile> profiles) {
        gate.requireNoReplay();
        if (profiles.isEmpty()) {
            return;
        }
        Map<UUID, QcBatch> batchesById = batchRows.byIds(profiles.keySet());
        Map<String, Map<DefectClass, InspectionSeverity>> severities = new HashMap<>();
        Set<String> discontinued = switching.discontinuedStreams();
        Instant now = clock.instant();
        List<Inspection> locked = inspectionRows.lockAwaitingProfile(profiles.keySet());
        List<EventEnvelope> opened = new ArrayList<>(locked.size());
        for (Inspection inspection : locked) {
            QcBatch batch = batchesById.get(inspection.batchId());
            String stream = QcEvents.streamKey(batch.factoryCode(), batch.line());
            if (discontinued.contains(stream)) {
                hold(batch, inspection, now);
                continue;
            }
            QcProfile profile = profiles.get(inspection.batchId());
            Map<DefectClass, ClassPlan> plans = planner.plans(batch.quantity(), profile, severities.computeIfAbsent(
                    stream, key -> switching.severities(batch.factoryCode(), batch.line())));
            int samplePairs = InspectionPlanner.samplePairs(plans);
            long sequence = inspection.open(profile, plans, samplePairs, now);
            opened.add(events.inspectionEnvelope(QcEvents.INSPECTION_OPENED, batch.batchId(), sequence, now,
                    new InspectionOpened(batch.batchNumber(), batch.styleCode(), batch.factoryCode(), batch.line(),
                            batch.quantity(), profile, plans, samplePairs)));
        }
        inspectionRows.writeLocked(locked);
        events.recordAll(opened);
    }

    /** Notes that the profiles could not be fetched, with the reason for each inspection; they are tried again later. */
    @Transactional
    public void profilesUnavailable(Map<UUID, String> reasons) {
        gate.requireNoReplay();
        if (reasons.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Inspection inspection : inspections.findAllForUpdate(reasons.keySet())) {
            if (inspection.status() == InspectionStatus.AWAITING_PROFILE) {
                inspection.profileUnavailable(reasons.get(inspection.batchId()), now);
            }
        }
    }

    private void hold(QcBatch batch, Inspection inspection, Instant at) {
        String reason = "stream " + QcEvents.streamKey(batch.factoryCode(), batch.line())
                + " is discontinued; waiting for a corrective action";
        long sequence = inspection.hold(reason);
        events.inspectionEvent(QcEvents.INSPECTION_HELD, batch.batchId(), sequence, at, new InspectionHeld(
                batch.batchNumber(), batch.styleCode(), batch.factoryCode(), batch.line(), batch.quantity(), reason));
    }
}
