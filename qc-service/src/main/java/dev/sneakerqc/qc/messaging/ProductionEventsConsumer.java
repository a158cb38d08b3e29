package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.qc.config.QcConfig;
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

/** Runs the consumer of {@code production-events} (group {@code qc.consumer.group-id}) for the life of the app. */
@ApplicationScoped
public class ProductionEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ProductionEventsConsumer.class);

    private final KafkaEventConsumer consumer;
    private final boolean enabled;

    public ProductionEventsConsumer(QcConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                                    ProductionEventHandler handler, DeadLetterPublisher deadLetters) {
        this.enabled = config.consumer().enabled();
        this.consumer = new KafkaEventConsumer(
                ConsumerSettings.of(Topics.PRODUCTION_EVENTS, config.consumer().groupId())
                        .withMaxPollRecords(config.consumer().maxPollRecords()),
                kafka, handler, deadLetters);
    }

    void start(@Observes StartupEvent startup, ConsumerRegistry registry) {
        if (enabled) {
            consumer.start();
            registry.register(consumer);
        } else {
            LOG.info("consumer of production-events disabled (qc.consumer.enabled=false)");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumer.close();
    }

    public KafkaEventConsumer consumer() {
        return consumer;
    }
}
