package dev.sneakerqc.support.consumer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@link KafkaEventConsumer}s of a topic ({@link ConsumerSettings#consumers()} of them, each a member of the
 * group) that run for the life of the application: started at startup (unless disabled), reported by the
 * {@code consumers} readiness check, closed at shutdown. A service declares one bean per consumed topic by
 * extending it.
 */
public abstract class ManagedConsumer {

    private static final Logger LOG = Logger.getLogger(ManagedConsumer.class);

    private final List<KafkaEventConsumer> consumers;
    private final boolean enabled;
    private final ConsumerRegistry registry;

    protected ManagedConsumer(ConsumerSettings settings, boolean enabled, Map<String, Object> kafkaConfig,
                              EventBatchHandler handler, DeadLetterPublisher deadLetters, ConsumerRegistry registry) {
        this.consumers = IntStream.range(0, settings.consumers())
                .mapToObj(index -> new KafkaEventConsumer(settings, index, kafkaConfig, handler, deadLetters))
                .toList();
        this.enabled = enabled;
        this.registry = registry;
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.infof("consumer of %s disabled by configuration", consumers.getFirst().settings().topic());
            return;
        }
        consumers.forEach(consumer -> {
            consumer.start();
            registry.register(consumer);
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumers.forEach(KafkaEventConsumer::beginClose);
        consumers.forEach(KafkaEventConsumer::close);
    }
}
