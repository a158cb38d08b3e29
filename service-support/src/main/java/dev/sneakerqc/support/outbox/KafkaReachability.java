package dev.sneakerqc.support.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the Kafka cluster answers, asked every 5 s in the background and never for longer than two.
 *
 * <p>The question goes out on a thread of its own: a reader gets the latest answer at once, so a health probe never
 * waits on the broker (a probe that waited up to the two seconds while the broker was away would itself time out),
 * and the first one after start does not wait for an admin client to be built and its first request answered. The
 * first read starts the questions; from then on they go out every 5 s whether anyone reads or not, so the answer a
 * probe gets is never older than about 7 s, even after a long time without probes (a probe that only started the
 * next question would have been served the answer of the last probe, however old, and the broker's state then).
 */
@ApplicationScoped
public class KafkaReachability {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int TIMEOUT_MILLIS = 2_000;

    /**
     * A reading.
     *
     * @param reachable whether the cluster answered
     * @param detail    broker count, or why it did not answer
     * @param readAt    when the answer came (or the question gave up); null before the first answer
     */
    public record Reading(boolean reachable, String detail, Instant readAt) {

        /** Whether the cluster has been asked and this is its answer (or the failure to get one). */
        public boolean checked() {
            return readAt != null;
        }
    }

    private static final Reading NOT_YET_CHECKED = new Reading(false, "first check in progress", null);

    private final Map<String, Object> kafkaConfig;
    private final Duration interval;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService asker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kafka-reachability").daemon().factory());
    private volatile Reading last = NOT_YET_CHECKED;
    private Admin admin; // used on the asker thread only

    @Inject
    public KafkaReachability(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this(kafkaConfig, INTERVAL);
    }

    /** With another interval between questions (tests). */
    KafkaReachability(Map<String, Object> kafkaConfig, Duration interval) {
        this.kafkaConfig = kafkaConfig;
        this.interval = interval;
    }

    /**
     * The latest reading, without waiting (its {@code readAt} says how old it is). The first call starts the
     * questions.
     */
    public Reading read() {
        if (started.compareAndSet(false, true)) {
            try {
                asker.scheduleWithFixedDelay(this::ask, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // shutting down
                started.set(false);
            }
        }
        return last;
    }

    private void ask() {
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS))
                    .nodes().get(TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS).size();
            last = new Reading(true, brokers + " broker(s)", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // caught whatever it is: a question that threw would end the schedule
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            last = new Reading(false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), Instant.now());
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
