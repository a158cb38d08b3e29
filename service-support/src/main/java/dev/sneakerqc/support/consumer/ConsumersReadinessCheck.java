package dev.sneakerqc.support.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's Kafka consumers: DOWN when a consumer that should run has stopped (its thread
 * ended); a consumer retrying a failing batch stays UP and says why in {@code lastFailure}.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadinessCheck implements HealthCheck {

    private final ConsumerRegistry registry;

    public ConsumersReadinessCheck(ConsumerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").up();
        for (KafkaEventConsumer consumer : registry.consumers()) {
            String prefix = consumer.settings().topic() + ".";
            response.withData(prefix + "group", consumer.settings().groupId());
            response.withData(prefix + "running", consumer.isRunning());
            response.withData(prefix + "assignedPartitions", consumer.assignedPartitions().toString());
            if (consumer.lastCommitAt() != null) {
                response.withData(prefix + "lastCommitAt", consumer.lastCommitAt().toString());
            }
            if (consumer.lastFailure() != null) {
                response.withData(prefix + "lastFailure", consumer.lastFailure());
            }
            if (!consumer.isRunning()) {
                response.down();
            }
        }
        return response.build();
    }
}
