package dev.sneakerqc.support.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Kafka consumers running in this service, for health and operations. */
@ApplicationScoped
public class ConsumerRegistry {

    private final List<KafkaEventConsumer> consumers = new CopyOnWriteArrayList<>();

    public void register(KafkaEventConsumer consumer) {
        consumers.add(consumer);
    }

    public List<KafkaEventConsumer> consumers() {
        return List.copyOf(consumers);
    }
}
