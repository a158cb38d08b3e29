package dev.sneakerqc.support.consumer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * A {@link KafkaEventConsumer} that runs for the life of the application: started at startup (unless disabled),
 * reported by the {@code consumers} readiness check, closed at shutdown. A service declares one bean per consumed
 * topic by extending it.
 */
public abstract class ManagedConsumer {

    private static final Logger LOG = Logger.getLogger(ManagedConsumer.class);

    private final KafkaEventConsumer consumer;
    private final boolean enabled;
    private final ConsumerRegistry registry;

    protected ManagedConsumer(ConsumerSettings settings, boolean enabled, Map<String, Object> kafkaConfig,
                              EventBatchHandler handler, DeadLetterPublisher deadLetters, ConsumerRegistry registry) {
        this.consumer = new KafkaEventConsumer(settings, kafkaConfig, handler, deadLetters);
        this.enabled = enabled;
        this.registry = registry;
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.infof("consumer of %s disabled by configuration", consumer.settings().topic());
            return;
        }
        consumer.start();
        registry.register(consumer);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumer.close();
    }

    public KafkaEventConsumer consumer() {
        return consumer;
    }
}
