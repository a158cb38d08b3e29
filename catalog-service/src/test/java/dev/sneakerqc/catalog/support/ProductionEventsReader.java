package dev.sneakerqc.catalog.support;

import dev.sneakerqc.infra.kafka.TopicReader;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@code production-events} from the test's Kafka with a plain consumer. */
public final class ProductionEventsReader {

    public static final String TOPIC = "production-events";

    private ProductionEventsReader() {
    }

    public static TopicReader open() {
        return new TopicReader(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), TOPIC);
    }
}
