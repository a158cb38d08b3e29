package dev.sneakerqc.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.SQLException;

/**
 * Readiness of the event path: the outbox backlog, whether Kafka answers, and whether this instance relays.
 *
 * <p>Kafka being away does not make the service unready: writes keep being accepted and their events wait in
 * the outbox, which is the point of the outbox. The check reports Kafka as last asked ({@code kafkaCheckedAt};
 * an answer older than 5 s is renewed in the background, {@code checking} until the first answer after start)
 * and the backlog so operators see it;
 * it is DOWN only when the backlog cannot be read, i.e. the database is away.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {

    private final OutboxBacklog backlog;
    private final KafkaReachability kafka;
    private final OutboxRelay relay;

    public OutboxReadinessCheck(OutboxBacklog backlog, KafkaReachability kafka, OutboxRelay relay) {
        this.backlog = backlog;
        this.kafka = kafka;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        KafkaReachability.Reading kafkaReading = kafka.read();
        response.withData("kafka", !kafkaReading.checked() ? "checking"
                        : kafkaReading.reachable() ? "reachable" : "unreachable")
                .withData("kafkaDetail", kafkaReading.detail())
                .withData("relayLeader", relay.isLeader());
        if (kafkaReading.checked()) {
            response.withData("kafkaCheckedAt", kafkaReading.readAt().toString());
        }
        if (relay.lastPublishedAt() != null) {
            response.withData("lastPublishedAt", relay.lastPublishedAt().toString());
        }
        if (relay.lastFailure() != null) {
            response.withData("lastFailure", relay.lastFailure());
        }
        try {
            OutboxBacklog.Snapshot snapshot = backlog.read();
            return response.up()
                    .withData("pendingEvents", snapshot.pendingEvents())
                    .withData("oldestPendingAgeMillis", snapshot.oldestPendingAge().toMillis())
                    .build();
        } catch (SQLException e) {
            return response.down().withData("backlog", "unreadable: " + e.getMessage()).build();
        }
    }
}
