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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the Kafka cluster answers, asked at most every 5 s and never for longer than two.
 *
 * <p>The question goes out on a thread of its own: a reader gets the latest answer at once, and a stale one
 * starts the next question. A health probe therefore never waits on the broker (a probe that waited up to the
 * two seconds while the broker was away would itself time out), and the first one after start does not wait
 * for an admin client to be built and its first request answered.
 */
@ApplicationScoped
public class KafkaReachability {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);
    private static final int TIMEOUT_MILLIS = 2_000;

    /**
     * A reading.
     *
     * @param reachable whether the cluster answered
     * @param detail    broker count, or why it did not answer
     * @param readAt    when it was asked; null before the first answer
     */
    public record Reading(boolean reachable, String detail, Instant readAt) {

        /** Whether the cluster has been asked and this is its answer (or the failure to get one). */
        public boolean checked() {
            return readAt != null;
        }
    }

    private static final Reading NOT_YET_CHECKED = new Reading(false, "first check in progress", null);

    private final Map<String, Object> kafkaConfig;
    private final AtomicBoolean asking = new AtomicBoolean();
    private final ExecutorService asker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("kafka-reachability").daemon().factory());
    private volatile Reading last = NOT_YET_CHECKED;
    private Admin admin; // used on the asker thread only

    public KafkaReachability(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    /**
     * The latest reading, without waiting (its {@code readAt} says how old it is); starts a new question when
     * there is none yet or it is older than 5 s.
     */
    public Reading read() {
        Reading current = last;
        boolean stale = !current.checked()
                || Duration.between(current.readAt(), Instant.now()).compareTo(MAX_STALENESS) >= 0;
        if (stale && asking.compareAndSet(false, true)) {
            try {
                asker.execute(this::ask);
            } catch (RuntimeException e) { // shutting down
                asking.set(false);
            }
        }
        return current;
    }

    private void ask() {
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS))
                    .nodes().get(TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS).size();
            last = new Reading(true, brokers + " broker(s)", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            last = new Reading(false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), Instant.now());
        } finally {
            asking.set(false);
        }
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
    void close() {
        asker.shutdownNow();
        try {
            if (!asker.awaitTermination(3, TimeUnit.SECONDS)) {
                return; // the question still runs; its thread is a daemon and the admin client goes with the JVM
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
