package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.SeverityChanged;
import dev.sneakerqc.contract.qc.StreamDiscontinued;
import dev.sneakerqc.contract.qc.StreamLotJudged;
import dev.sneakerqc.qc.inspection.InspectionJudge;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.messaging.QcEventRecorder;
import dev.sneakerqc.qc.persistence.SwitchingRepository;
import dev.sneakerqc.qc.stream.StreamLot;
import dev.sneakerqc.qc.stream.SwitchingRules;
import dev.sneakerqc.qc.stream.SwitchingState;
import dev.sneakerqc.qc.stream.SwitchingStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Keeps each stream's Z1.4 switching state per sampled defect class, and announces its changes. */
@ApplicationScoped
public class StreamSwitching {

    /** The classes switching applies to; CRITICAL is always Ac 0 / Re 1. */
    public static final List<DefectClass> SWITCHED_CLASSES = List.of(DefectClass.MAJOR, DefectClass.MINOR);

    private final SwitchingRepository switching;
    private final SwitchingRules rules;
    private final QcEventRecorder events;

    public StreamSwitching(SwitchingRepository switching, SwitchingRules rules, QcEventRecorder events) {
        this.switching = switching;
        this.rules = rules;
        this.events = events;
    }

    /** The severity of each switched class of a stream; a class never judged is at normal inspection. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<DefectClass, InspectionSeverity> severities(String factoryCode, String line) {
        Map<DefectClass, InspectionSeverity> severities = new EnumMap<>(DefectClass.class);
        SWITCHED_CLASSES.forEach(defectClass -> severities.put(defectClass, InspectionSeverity.NORMAL));
        switching.statesOf(factoryCode, line).forEach(state -> severities.put(state.defectClass(), state.severity()));
        return severities;
    }

    /** The keys ({@link QcEvents#streamKey}) of the streams where acceptance has stopped for a class. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> discontinuedStreams() {
        return switching.discontinuedStreams().stream()
                .map(row -> QcEvents.streamKey((String) row[0], (String) row[1]))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Applies a verdict's class outcomes to the batch's stream: records the lots and moves the severity (or
     * discontinues) as the rules say, announcing each lot counted (StreamLotJudged, with the state after it) and
     * each change. A class left PENDING (the batch was rejected by another class first) has no
     * outcome of its own and does not count.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterVerdict(QcBatch batch, InspectionJudge.Judgement judgement, Instant at) {
        List<DefectClass> decided = SWITCHED_CLASSES.stream()
                .filter(defectClass -> judgement.classes().get(defectClass).decision() != ClassDecision.PENDING)
                .toList();
        if (decided.isEmpty()) {
            return;
        }
        SwitchingStream stream = switching.lockStream(batch.factoryCode(), batch.line());
        for (DefectClass defectClass : decided) {
            InspectionJudge.ClassTally tally = judgement.classes().get(defectClass);
            boolean accepted = tally.decision() == ClassDecision.ACCEPTED;
            SwitchingState state = switching.state(batch.factoryCode(), batch.line(), defectClass, at);
            switching.record(new StreamLot(batch.factoryCode(), batch.line(), defectClass, batch.batchId(),
                    batch.batchNumber(), tally.plan().severity(), accepted, tally.nonconforming(), at));
            SwitchingRules.Transition transition = rules.afterLot(state.state(), accepted,
                    tally.acceptedInReducedGap());
            state.apply(transition.next(), at);
            SwitchingRules.State after = transition.next();
            events.streamEvent(QcEvents.STREAM_LOT_JUDGED, stream, at, new StreamLotJudged(batch.factoryCode(),
                    batch.line(), defectClass, batch.batchId(), batch.batchNumber(), tally.plan().severity(), accepted,
                    tally.nonconforming(), tally.acceptedInReducedGap(), new StreamLotJudged.SwitchingStateSnapshot(
                    after.severity(), after.recentOnNormal(), after.consecutiveAccepted(),
                    after.notAcceptedOnTightened(), after.discontinued())));
            transition.change().ifPresent(change -> events.streamEvent(QcEvents.SEVERITY_CHANGED, stream, at,
                    new SeverityChanged(batch.factoryCode(), batch.line(), defectClass, change.from(), change.to(),
                            change.reason(), batch.batchId())));
            if (transition.discontinued()) {
                events.streamEvent(QcEvents.STREAM_DISCONTINUED, stream, at, new StreamDiscontinued(
                        batch.factoryCode(), batch.line(), defectClass,
                        transition.next().notAcceptedOnTightened(), batch.batchId()));
            }
        }
    }
}
