package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventType;
import dev.sneakerqc.support.consumer.EventRecords;

import java.util.List;

/**
 * A record decoded for a replay, with its data already mapped to the record of its event type. The mapping runs on
 * the decoding threads, beside the JSON parsing and the schema check, so that applying the events in order, on one
 * thread, does only what must be done in order.
 *
 * @param decoded the record checked and decoded
 * @param data    its data as the record of its type; null when refused, or when the mapping failed (then
 *                {@link #data} maps it again, failing where the live service would)
 */
record ReplayEvent(EventRecords.Decoded decoded, Object data) {

    /** Decodes a record and maps its data, on the calling thread. */
    static ReplayEvent decode(EventRecords.Decoded decoded, List<EventType<?>> understood) {
        if (decoded.refused()) {
            return new ReplayEvent(decoded, null);
        }
        EventEnvelope event = decoded.event();
        for (EventType<?> type : understood) {
            if (event.is(type)) {
                try {
                    return new ReplayEvent(decoded, event.dataAs(type));
                } catch (IllegalArgumentException e) {
                    return new ReplayEvent(decoded, null);
                }
            }
        }
        return new ReplayEvent(decoded, null);
    }

    boolean refused() {
        return decoded.refused();
    }

    EventEnvelope event() {
        return decoded.event();
    }

    /** The data as the record of the given event type, which must be the event's. */
    <T> T data(EventType<T> type) {
        if (data != null && event().is(type)) {
            return type.dataClass().cast(data);
        }
        return event().dataAs(type);
    }
}
