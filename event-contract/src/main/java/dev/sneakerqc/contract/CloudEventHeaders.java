package dev.sneakerqc.contract;

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
}
