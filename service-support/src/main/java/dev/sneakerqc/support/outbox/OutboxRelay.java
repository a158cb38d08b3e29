package dev.sneakerqc.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishes committed outbox events to Kafka, promptly and in outbox order, on one background thread.
 *
 * <p>Each round reads the oldest unpublished events and publishes them; the acknowledged ones are marked
 * published by the statement that reads the next round's (one round trip to the database a round), or at once
 * when a round fails or the relay stops. A commit in this JVM wakes an idle relay immediately; otherwise it looks
 * again after {@code outbox.relay.poll-interval}. After a round that was not full it lingers
 * ({@code outbox.relay.linger}) so that a steady flow of commits is published in rounds of many events rather than
 * one round per commit.
 * Only the instance holding the relay lock publishes (see {@link RelayConnection}). Nothing is lost when Kafka
 * or the database is away: unacknowledged events stay pending and are retried with backoff. Delivery is at
 * least once (an event acknowledged by Kafka but not yet marked can go out again after a crash); consumers
 * deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxConfig config;
    private final OutboxSignal signal;
    private final KafkaEventPublisher publisher;
    private final TopicProvisioner topics;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final long lockKey;
    private final Counter publishedEvents;
    private final Counter failedRounds;

    private volatile boolean running;
    private volatile boolean leader;
    private volatile Instant lastPublishedAt;
    private volatile String lastFailure;
    private Thread thread;
    private RelayConnection connection;

    public OutboxRelay(OutboxConfig config, OutboxSignal signal, KafkaEventPublisher publisher, TopicProvisioner topics,
                       MeterRegistry registry,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.signal = signal;
        this.publisher = publisher;
        this.topics = topics;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.lockKey = ("outbox-relay:" + applicationName).hashCode();
        this.publishedEvents = Counter.builder("outbox.published").description("Events acknowledged by Kafka")
                .register(registry);
        this.failedRounds = Counter.builder("outbox.publish.failures")
                .description("Publishing rounds in which an event could not be published").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            LOG.info("outbox relay disabled (outbox.relay.enabled=false)");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        signal.signal();
        // Unblocks a round waiting on Kafka; its events stay pending.
        publisher.closeProducer(Duration.ofSeconds(2));
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread == null || !thread.isAlive()) {
            releaseLeadership();
        }
    }

    /** Whether this instance currently publishes the outbox. */
    public boolean isLeader() {
        return leader;
    }

    /** When this instance last had an event acknowledged, null if never. */
    public Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    /** Why the last failing round failed, null after a round that succeeded. */
    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        Acknowledged unmarked = Acknowledged.NONE;
        while (running) {
            try {
                if (!acquireLeadership()) {
                    signal.await(config.relay().leadershipRetry());
                    continue;
                }
                if (!topics.ensureTopics()) {
                    backoff = pause(backoff);
                    continue;
                }
                List<PendingEvent> pending = connection.markPublishedAndFetchPending(unmarked.positions(),
                        unmarked.at(), config.relay().batchSize());
                unmarked = Acknowledged.NONE;
                if (!running) {
                    break;
                }
                if (pending.isEmpty()) {
                    signal.await(config.relay().pollInterval());
                    continue;
                }
                PublishOutcome outcome = publisher.publish(pending);
                Instant acknowledgedAt = Instant.now();
                publishedEvents.increment(outcome.published().size());
                if (!outcome.published().isEmpty()) {
                    lastPublishedAt = acknowledgedAt;
                }
                if (outcome.failed()) {
                    connection.markPublished(outcome.published(), acknowledgedAt);
                    failedRounds.increment();
                    lastFailure = outcome.failureReason();
                    if (running) {
                        LOG.warnf("publishing event at outbox position %d failed (%s); retrying",
                                outcome.firstFailure(), outcome.failureReason());
                        connection.recordFailure(outcome.firstFailure(), outcome.failureReason());
                    }
                    backoff = pause(backoff);
                } else {
                    // Marked together with the next round's read: one round trip to the database a round.
                    unmarked = new Acknowledged(outcome.published(), acknowledgedAt);
                    lastFailure = null;
                    backoff = Duration.ZERO;
                    if (pending.size() < config.relay().batchSize()) {
                        linger();
                    }
                }
            } catch (SQLException e) {
                lastFailure = "database: " + e.getMessage();
                if (running) {
                    LOG.warnf("outbox relay lost its database session (%s); retrying", e.getMessage());
                }
                // Events acknowledged but not yet marked stay in unmarked: the next session marks them.
                releaseLeadership();
                backoff = pauseQuietly(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                lastFailure = e.toString();
                LOG.error("outbox relay round failed; retrying", e);
                backoff = pauseQuietly(backoff);
            }
        }
        markQuietly(unmarked);
        releaseLeadership();
    }

    /** Events Kafka acknowledged at {@code at} whose outbox rows are not marked published yet. */
    private record Acknowledged(List<Long> positions, Instant at) {
        static final Acknowledged NONE = new Acknowledged(List.of(), null);
    }

    /** On the way out: marks what Kafka acknowledged, so that it does not go out again from the next leader. */
    private void markQuietly(Acknowledged acknowledged) {
        if (connection == null || acknowledged.positions().isEmpty()) {
            return;
        }
        try {
            connection.markPublished(acknowledged.positions(), acknowledged.at());
        } catch (SQLException e) {
            LOG.warnf("could not mark %d published events (%s); they will be published again",
                    acknowledged.positions().size(), e.getMessage());
        }
    }

    private boolean acquireLeadership() throws SQLException {
        if (connection != null) {
            return true;
        }
        Optional<RelayConnection> acquired = RelayConnection.tryAcquire(jdbcUrl, username.orElse(null),
                password.orElse(null), lockKey);
        if (acquired.isEmpty()) {
            return false;
        }
        connection = acquired.get();
        leader = true;
        LOG.info("this instance now relays the outbox to Kafka");
        return true;
    }

    private void releaseLeadership() {
        leader = false;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** Lets the events of the next commits gather before the next round (see {@code outbox.relay.linger}). */
    private void linger() throws InterruptedException {
        Duration linger = config.relay().linger();
        if (running && linger.isPositive()) {
            Thread.sleep(linger);
        }
    }

    private Duration pause(Duration previous) throws InterruptedException {
        Duration next = previous.isZero() ? Duration.ofMillis(100)
                : min(previous.multipliedBy(2), config.relay().maxBackoff());
        if (running) {
            Thread.sleep(next);
        }
        return next;
    }

    private Duration pauseQuietly(Duration previous) {
        try {
            return pause(previous);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return previous;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
