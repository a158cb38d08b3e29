package dev.sneakerqc.support.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Whether the Kafka cluster answers, asked at most every few seconds and never for longer than two. */
@ApplicationScoped
public class KafkaReachability {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);
    private static final int TIMEOUT_MILLIS = 2_000;

    /**
     * A reading.
     *
     * @param reachable whether the cluster answered
     * @param detail    broker count, or why it did not answer
     * @param readAt    when it was asked
     */
    public record Reading(boolean reachable, String detail, Instant readAt) {
    }

    private final Map<String, Object> kafkaConfig;
    private Admin admin;
    private Reading last;

    public KafkaReachability(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    public synchronized Reading read() {
        if (last != null && Duration.between(last.readAt(), Instant.now()).compareTo(MAX_STALENESS) < 0) {
            return last;
        }
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS))
                    .nodes().get(TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS).size();
            last = new Reading(true, brokers + " broker(s)", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Reading(false, "interrupted", Instant.now());
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            last = new Reading(false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), Instant.now());
        }
        return last;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = new HashMap<>(kafkaConfig);
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "health");
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
            settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
