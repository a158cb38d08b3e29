package dev.sneakerqc.catalog.messaging;

import dev.sneakerqc.catalog.config.CatalogConfig;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.support.consumer.ConsumerSettings;
import dev.sneakerqc.support.consumer.ConsumerRegistry;
import dev.sneakerqc.support.consumer.DeadLetterPublisher;
import dev.sneakerqc.support.consumer.KafkaEventConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/** Runs the consumer of {@code qc-events} (group {@code catalog.consumer.group-id}) for the life of the app. */
@ApplicationScoped
public class QcEventsConsumer {

    private static final Logger LOG = Logger.getLogger(QcEventsConsumer.class);

    private final KafkaEventConsumer consumer;
    private final boolean enabled;

    public QcEventsConsumer(CatalogConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                            QcEventHandler handler, DeadLetterPublisher deadLetters) {
        this.enabled = config.consumer().enabled();
        this.consumer = new KafkaEventConsumer(ConsumerSettings.of(Topics.QC_EVENTS, config.consumer().groupId()),
                kafka, handler, deadLetters);
    }

    void start(@Observes StartupEvent startup, ConsumerRegistry registry) {
        if (enabled) {
            consumer.start();
            registry.register(consumer);
        } else {
            LOG.info("consumer of qc-events disabled (catalog.consumer.enabled=false)");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumer.close();
    }
}
