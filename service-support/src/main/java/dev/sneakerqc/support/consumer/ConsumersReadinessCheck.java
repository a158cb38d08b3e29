package dev.sneakerqc.support.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Readiness of the service's Kafka consumers, per topic (the partitions of all its consumers together): DOWN when
 * a consumer that should run has stopped (its thread ended); a consumer retrying a failing batch stays UP and says
 * why in {@code lastFailure}.
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
        Map<String, List<KafkaEventConsumer>> byTopic = registry.consumers().stream()
                .collect(Collectors.groupingBy(consumer -> consumer.settings().topic(), TreeMap::new,
                        Collectors.toList()));
        byTopic.forEach((topic, consumers) -> {
            String prefix = topic + ".";
            boolean running = consumers.stream().allMatch(KafkaEventConsumer::isRunning);
            response.withData(prefix + "group", consumers.getFirst().settings().groupId());
            response.withData(prefix + "consumers", consumers.size());
            response.withData(prefix + "running", running);
            response.withData(prefix + "assignedPartitions", consumers.stream()
                    .flatMap(consumer -> consumer.assignedPartitions().stream()).sorted().toList().toString());
            consumers.stream().map(KafkaEventConsumer::lastCommitAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .ifPresent(at -> response.withData(prefix + "lastCommitAt", at.toString()));
            consumers.stream().map(KafkaEventConsumer::lastFailure).filter(Objects::nonNull).findFirst()
                    .ifPresent(failure -> response.withData(prefix + "lastFailure", failure));
            if (!running) {
                response.down();
            }
        });
        return response.build();
    }
}
