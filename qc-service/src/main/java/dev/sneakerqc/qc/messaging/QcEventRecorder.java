package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventType;
import dev.sneakerqc.contract.TimeOrderedIds;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.qc.stream.SwitchingStream;
import dev.sneakerqc.support.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records QC events in the outbox, inside the transaction making the change; the relay publishes them to
 * {@code qc-events}. Inspection events are keyed by batch id, stream events by stream key.
 */
@ApplicationScoped
public class QcEventRecorder {

    private final OutboxWriter outbox;

    public QcEventRecorder(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** An event of a batch's inspection, with the sequence the inspection assigned. */
    public <T> void inspectionEvent(EventType<T> type, UUID batchId, long sequence, Instant at, T data) {
        outbox.append(Topics.QC_EVENTS, inspectionEnvelope(type, batchId, sequence, at, data));
    }

    /** An event of a batch's inspection, to be recorded with others by {@link #recordAll}. */
    public <T> EventEnvelope inspectionEnvelope(EventType<T> type, UUID batchId, long sequence, Instant at, T data) {
        return EventEnvelope.wrap(type, TimeOrderedIds.next(), at, batchId, sequence, data);
    }

    /** Records events of inspections ({@link #inspectionEnvelope}) in one batch. */
    public void recordAll(List<EventEnvelope> inspectionEvents) {
        outbox.appendAll(Topics.QC_EVENTS, inspectionEvents);
    }

    /** An event of a switching stream; the stream (locked by the caller) numbers it. */
    public <T> void streamEvent(EventType<T> type, SwitchingStream stream, Instant at, T data) {
        outbox.append(Topics.QC_EVENTS, EventEnvelope.wrapForStream(type, TimeOrderedIds.next(), at,
                QcEvents.streamKey(stream.factoryCode(), stream.line()), stream.nextEventSequence(), data));
    }
}
