package dev.sneakerqc.contract;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's
 * attributes travel as {@code ce_}-prefixed headers and the record value is the event data (here the whole
 * envelope, so the value stays self-describing for consumers that ignore headers).
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** The binding maps {@code datacontenttype} to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String CONTENT_TYPE_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event, in the order producers write them. */
    public static Map<String, String> of(UUID eventId, String type, int schemaVersion, String source,
                                         Instant occurredAt, String aggregateKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, eventId.toString());
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        headers.put(SPEC_VERSION, SPEC_VERSION_VALUE);
        headers.put(TIME, occurredAt.toString());
        headers.put(SUBJECT, aggregateKey);
        headers.put(DATA_SCHEMA, EventType.schemaUrn(type, schemaVersion));
        headers.put(CONTENT_TYPE, CONTENT_TYPE_JSON);
        return headers;
    }
}
