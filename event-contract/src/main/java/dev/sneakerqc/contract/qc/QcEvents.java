package dev.sneakerqc.contract.qc;

import dev.sneakerqc.contract.EventType;

import java.util.List;

/**
 * The event types on {@code qc-events}, at the schema versions the QC service emits. Inspection events are keyed
 * by batch id, stream events by stream key ({@code <factoryCode>/<line>}). Together with production-events they
 * are enough to rebuild the QC state.
 */
public final class QcEvents {

    public static final EventType<InspectionOpened> INSPECTION_OPENED =
            new EventType<>("InspectionOpened", 1, InspectionOpened.class);
    public static final EventType<InspectionHeld> INSPECTION_HELD =
            new EventType<>("InspectionHeld", 1, InspectionHeld.class);
    public static final EventType<TestResultRecorded> TEST_RESULT_RECORDED =
            new EventType<>("TestResultRecorded", 1, TestResultRecorded.class);
    public static final EventType<VerdictIssued> VERDICT_ISSUED =
            new EventType<>("VerdictIssued", 1, VerdictIssued.class);
    public static final EventType<StreamLotJudged> STREAM_LOT_JUDGED =
            new EventType<>("StreamLotJudged", 1, StreamLotJudged.class);
    public static final EventType<SeverityChanged> SEVERITY_CHANGED =
            new EventType<>("SeverityChanged", 1, SeverityChanged.class);
    public static final EventType<StreamDiscontinued> STREAM_DISCONTINUED =
            new EventType<>("StreamDiscontinued", 1, StreamDiscontinued.class);
    public static final EventType<StreamResumed> STREAM_RESUMED =
            new EventType<>("StreamResumed", 1, StreamResumed.class);

    public static final List<EventType<?>> ALL = List.of(INSPECTION_OPENED, INSPECTION_HELD, TEST_RESULT_RECORDED,
            VERDICT_ISSUED, STREAM_LOT_JUDGED, SEVERITY_CHANGED, STREAM_DISCONTINUED, STREAM_RESUMED);

    /** The CloudEvents {@code ce_source} of the QC service's events. */
    public static final String SOURCE = "/sneakerqc/qc-service";

    private QcEvents() {
    }

    /** The key of a switching stream: {@code <factoryCode>/<line>}. */
    public static String streamKey(String factoryCode, String line) {
        return factoryCode + "/" + line;
    }
}
