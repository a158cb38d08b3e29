package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.StreamResumed;
import dev.sneakerqc.qc.inspection.Inspection;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.SwitchingRepository;
import dev.sneakerqc.qc.replay.ReplayGate;
import dev.sneakerqc.qc.stream.CorrectiveAction;
import dev.sneakerqc.qc.stream.SwitchingRules;
import dev.sneakerqc.qc.stream.SwitchingState;
import dev.sneakerqc.qc.stream.SwitchingStream;
import dev.sneakerqc.qc.messaging.QcEventRecorder;
import dev.sneakerqc.support.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records a corrective action on a discontinued stream: its discontinued classes resume at tightened
 * inspection, and the inspections held meanwhile open.
 */
@ApplicationScoped
public class CorrectiveActions {

    /**
     * The outcome.
     *
     * @param action          the recorded action
     * @param resumedClasses  the classes that resumed at tightened
     * @param releasedHolds   held inspections that now open
     */
    public record Resumed(CorrectiveAction action, List<DefectClass> resumedClasses, int releasedHolds) {
    }

    private final SwitchingRepository switching;
    private final SwitchingRules rules;
    private final InspectionRepository inspections;
    private final InspectionOpener opener;
    private final QcEventRecorder events;
    private final ReplayGate gate;
    private final Clock clock;

    public CorrectiveActions(SwitchingRepository switching, SwitchingRules rules, InspectionRepository inspections,
                             InspectionOpener opener, QcEventRecorder events, ReplayGate gate, Clock clock) {
        this.switching = switching;
        this.rules = rules;
        this.inspections = inspections;
        this.opener = opener;
        this.events = events;
        this.gate = gate;
        this.clock = clock;
    }

    @Transactional
    public Resumed record(String factoryCode, String line, String description, String by) {
        gate.requireNoReplay();
        String streamKey = QcEvents.streamKey(factoryCode, line);
        if (switching.findStream(factoryCode, line).isEmpty()) {
            throw Problems.notFound("stream", streamKey);
        }
        SwitchingStream stream = switching.lockStream(factoryCode, line);
        List<SwitchingState> discontinued = switching.statesOf(factoryCode, line).stream()
                .filter(SwitchingState::discontinued).toList();
        if (discontinued.isEmpty()) {
            throw Problems.conflict("stream " + streamKey + " is not discontinued; a corrective action resumes a "
                    + "discontinued stream", Map.of("stream", streamKey));
        }
        Instant now = clock.instant();
        discontinued.forEach(state -> state.apply(rules.resume(state.state()), now));
        CorrectiveAction action = new CorrectiveAction(factoryCode, line, description, by, now);
        switching.record(action);
        List<DefectClass> classes = discontinued.stream().map(SwitchingState::defectClass).toList();
        events.streamEvent(QcEvents.STREAM_RESUMED, stream, now,
                new StreamResumed(factoryCode, line, classes, description, by));
        List<Inspection> held = inspections.heldInStream(factoryCode, line);
        held.forEach(Inspection::resume);
        if (!held.isEmpty()) {
            opener.wakeAfterCommit();
        }
        return new Resumed(action, classes, held.size());
    }
}
