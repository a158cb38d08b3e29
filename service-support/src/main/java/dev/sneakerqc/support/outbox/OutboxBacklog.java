package dev.sneakerqc.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * How far the outbox is behind: events committed but not yet acknowledged by Kafka, and the age of the oldest.
 * Read from the database (so every instance sees the same figures), at most once a second.
 */
@Startup // registers its meters at start, so they are scraped from the first moment
@ApplicationScoped
public class OutboxBacklog {

    private static final String QUERY =
            "select count(*), min(occurred_at) from outbox_event where published_at is null";
    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);

    /**
     * A reading of the backlog.
     *
     * @param pendingEvents   events not yet published
     * @param oldestPendingAt when the oldest of them occurred, null when none is pending
     * @param readAt          when this was read
     */
    public record Snapshot(long pendingEvents, Instant oldestPendingAt, Instant readAt) {

        /** Age of the oldest pending event at reading time, zero when none is pending. */
        public Duration oldestPendingAge() {
            return oldestPendingAt == null ? Duration.ZERO : Duration.between(oldestPendingAt, readAt);
        }
    }

    private final AgroalDataSource dataSource;
    private volatile Snapshot last;

    public OutboxBacklog(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("outbox.pending", this, backlog -> backlog.cachedOrNaN(Snapshot::pendingEvents))
                .description("Events committed but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("outbox.oldest.pending.age.seconds", this,
                        backlog -> backlog.cachedOrNaN(snapshot -> snapshot.oldestPendingAge().toMillis() / 1000.0))
                .description("Age of the oldest event not yet acknowledged by Kafka").register(registry);
    }

    /** The backlog, read afresh when the last reading is older than a second. */
    public Snapshot read() throws SQLException {
        Snapshot current = last;
        if (current != null && Duration.between(current.readAt(), Instant.now()).compareTo(MAX_STALENESS) < 0) {
            return current;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(QUERY)) {
            result.next();
            OffsetDateTime oldest = result.getObject(2, OffsetDateTime.class);
            current = new Snapshot(result.getLong(1), oldest == null ? null : oldest.toInstant(), Instant.now());
            last = current;
            return current;
        }
    }

    private double cachedOrNaN(java.util.function.ToDoubleFunction<Snapshot> figure) {
        try {
            return figure.applyAsDouble(read());
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
