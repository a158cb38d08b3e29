package dev.sneakerqc.contract;

/** Names of the Kafka topics the services exchange events on. */
public final class Topics {

    /** Every production step of every batch, emitted by the catalog; key = batch id. */
    public static final String PRODUCTION_EVENTS = "production-events";
    /** Every QC state change, emitted by the QC service; key = batch id. */
    public static final String QC_EVENTS = "qc-events";

    private Topics() {
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }
}
