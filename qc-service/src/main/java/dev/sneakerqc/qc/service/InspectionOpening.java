package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionHeld;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.inspection.InspectionPlanner;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.messaging.QcEventRecorder;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.QcBatchRepository;
import dev.sneakerqc.qc.replay.ReplayGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Creates the inspection of a finished batch and opens it once the model's QC profile is in: snapshot of the
 * profile, plans at the stream's severities, InspectionOpened. A batch of a discontinued stream is held.
 */
@ApplicationScoped
public class InspectionOpening {

    private final InspectionRepository inspections;
    private final QcBatchRepository batches;
    private final StreamSwitching switching;
    private final InspectionPlanner planner;
    private final QcEventRecorder events;
    private final ReplayGate gate;
    private final Clock clock;

    public InspectionOpening(InspectionRepository inspections, QcBatchRepository batches, StreamSwitching switching,
                             InspectionPlanner planner, QcEventRecorder events, ReplayGate gate, Clock clock) {
        this.inspections = inspections;
        this.batches = batches;
        this.switching = switching;
        this.planner = planner;
        this.events = events;
        this.gate = gate;
        this.clock = clock;
    }

    /** The batch finished production: its inspection waits for the profile, or is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Inspection create(QcBatch batch, Instant finishedAt) {
        Inspection inspection = Inspection.awaitingProfile(batch.batchId(), finishedAt);
        inspections.persist(inspection);
        if (switching.isDiscontinued(batch.factoryCode(), batch.line())) {
            hold(batch, inspection, finishedAt);
        }
        return inspection;
    }

    /** Opens the inspection with the fetched profile, unless something else happened to it meanwhile. */
    @Transactional
    public void open(UUID batchId, QcProfile profile) {
        gate.requireNoReplay();
        Inspection inspection = inspections.findForUpdate(batchId).orElseThrow();
        if (inspection.status() != InspectionStatus.AWAITING_PROFILE) {
            return;
        }
        QcBatch batch = batches.findById(batchId);
        Instant now = clock.instant();
        if (switching.isDiscontinued(batch.factoryCode(), batch.line())) {
            hold(batch, inspection, now);
            return;
        }
        Map<DefectClass, ClassPlan> plans = planner.plans(batch.quantity(), profile,
                switching.severities(batch.factoryCode(), batch.line()));
        int samplePairs = InspectionPlanner.samplePairs(plans);
        long sequence = inspection.open(profile, plans, samplePairs, now);
        events.inspectionEvent(QcEvents.INSPECTION_OPENED, batchId, sequence, now, new InspectionOpened(
                batch.batchNumber(), batch.styleCode(), batch.factoryCode(), batch.line(), batch.quantity(), profile,
                plans, samplePairs));
    }

    /** Notes that the profile could not be fetched; it is tried again later. */
    @Transactional
    public void profileUnavailable(UUID batchId, String reason) {
        gate.requireNoReplay();
        Inspection inspection = inspections.findForUpdate(batchId).orElseThrow();
        if (inspection.status() == InspectionStatus.AWAITING_PROFILE) {
            inspection.profileUnavailable(reason, clock.instant());
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
