package dev.sneakerqc.contract.qc;

import java.util.UUID;

/**
 * Data of {@link QcEvents#STREAM_LOT_JUDGED}: a lot's outcome for one class was counted in its stream's switching
 * state. One per switched class (MAJOR, MINOR) of every verdict, in the stream's order: with them the switching
 * state rebuilds exactly. Key: stream key.
 *
 * @param factoryCode          the stream's factory
 * @param line                 the stream's model line
 * @param defectClass          MAJOR or MINOR
 * @param batchId              the lot
 * @param batchNumber          its readable number
 * @param severity             the severity the lot was inspected at
 * @param accepted             whether the class accepted the lot
 * @param nonconforming        nonconforming pairs of the class
 * @param acceptedInReducedGap accepted with a count between Ac and Re (reduced plans)
 * @param stateAfter           the class's switching state after counting the lot
 */
public record StreamLotJudged(String factoryCode, String line, DefectClass defectClass, UUID batchId,
                              String batchNumber, InspectionSeverity severity, boolean accepted, int nonconforming,
                              boolean acceptedInReducedGap, SwitchingStateSnapshot stateAfter) {

    /**
     * A class's switching state.
     *
     * @param severity               current severity
     * @param recentOnNormal         outcomes of the last lots on normal inspection, oldest first (A or N), at most 5
     * @param consecutiveAccepted    lots accepted in a row at this severity
     * @param notAcceptedOnTightened lots not accepted since tightened inspection began
     * @param discontinued           whether acceptance has stopped
     */
    public record SwitchingStateSnapshot(InspectionSeverity severity, String recentOnNormal, int consecutiveAccepted,
                                         int notAcceptedOnTightened, boolean discontinued) {
    }
}
