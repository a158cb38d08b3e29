package dev.sneakerqc.support.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The relay's own database session. Holding it means holding a PostgreSQL session-level advisory lock, which
 * makes this instance the only one publishing the outbox (publishing from two instances at once could
 * interleave an aggregate's events). If the session dies, the lock goes with it and another instance takes
 * over. Kept outside the connection pool so the lock never leaks into a pooled connection.
 *
 * <p>The session commits its marks without waiting for the write-ahead log to reach the disk
 * ({@code synchronous_commit = off}, this session only). A mark records that Kafka already has the event; if the
 * database crashes before the mark is flushed, the event is simply published again, which delivery at least once
 * allows and consumers deduplicate. Waiting for the flush would put the other sessions' commits in front of every
 * round: under load that wait was most of a round's time with the database.
 */
final class RelayConnection implements AutoCloseable {

    /** Marks events published; leaves those another leader marked meanwhile (after this session was lost). */
    private static final String MARK_PUBLISHED = """
            update outbox_event set published_at = ?, last_error = null
             where position = any(?) and published_at is null
            """;
    /** The oldest unpublished events, in outbox order; {@code %s} adds a condition. */
    private static final String PENDING = """
            select position, event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version,
                   occurred_at, payload
              from outbox_event
             where published_at is null%s
             order by position
             limit ?
            """;
    private static final String FETCH_PENDING = PENDING.formatted("");
    /**
     * {@link #MARK_PUBLISHED} and {@link #FETCH_PENDING} in one round trip. The query reads the snapshot taken
     * before the update, where the rows being marked are still unpublished, so it leaves them out by position.
     */
    private static final String MARK_AND_FETCH_PENDING = "with marked as (\n" + MARK_PUBLISHED + ")\n"
            + PENDING.formatted(" and position <> all(?)");
    /** Marks need not be durable: a lost one only means the event is published again (see above). */
    private static final String MARKS_WITHOUT_WAITING_FOR_THE_FLUSH = "set synchronous_commit = off";
    private static final String RECORD_FAILURE =
            "update outbox_event set publish_attempts = publish_attempts + 1, last_error = ? where position = ?";

    private final Connection connection;

    private RelayConnection(Connection connection) {
        this.connection = connection;
    }

    /** Opens a session and takes the relay lock; empty when another instance holds it. */
    static Optional<RelayConnection> tryAcquire(String jdbcUrl, String username, String password, long lockKey)
            throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "outbox-relay");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet result = lock.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    try (Statement settings = connection.createStatement()) {
                        settings.execute(MARKS_WITHOUT_WAITING_FOR_THE_FLUSH);
                    }
                    return Optional.of(new RelayConnection(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The oldest unpublished events, in outbox order. */
    List<PendingEvent> fetchPending(int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FETCH_PENDING)) {
            statement.setInt(1, limit);
            return read(statement, limit);
        }
    }

    /**
     * Marks events as acknowledged by Kafka at {@code publishedAt} and reads the oldest unpublished events other
     * than them, in outbox order: {@link #markPublished} and {@link #fetchPending} in one statement.
     */
    List<PendingEvent> markPublishedAndFetchPending(List<Long> positions, Instant publishedAt, int limit)
            throws SQLException {
        if (positions.isEmpty()) {
            return fetchPending(limit);
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_AND_FETCH_PENDING)) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            statement.setTimestamp(1, Timestamp.from(publishedAt));
            statement.setArray(2, array);
            statement.setArray(3, array);
            statement.setInt(4, limit);
            List<PendingEvent> events = read(statement, limit);
            array.free();
            return events;
        }
    }

    private static List<PendingEvent> read(PreparedStatement statement, int limit) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<PendingEvent> events = new ArrayList<>(limit);
            while (rows.next()) {
                events.add(new PendingEvent(
                        rows.getLong("position"),
                        rows.getObject("event_id", UUID.class),
                        rows.getString("topic"),
                        rows.getString("aggregate_id"),
                        rows.getLong("aggregate_sequence"),
                        rows.getString("event_type"),
                        rows.getInt("schema_version"),
                        rows.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rows.getString("payload")));
            }
            return events;
        }
    }

    /** Marks events as acknowledged by Kafka. */
    void markPublished(List<Long> positions, Instant publishedAt) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_PUBLISHED)) {
            Array array = connection.createArrayOf("bigint", positions.toArray());
            statement.setTimestamp(1, Timestamp.from(publishedAt));
            statement.setArray(2, array);
            statement.executeUpdate();
            array.free();
        }
    }

    /** Whether this session's commits wait for the write-ahead log to reach the disk. */
    boolean commitsWaitForTheFlush() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("select current_setting('synchronous_commit')")) {
            setting.next();
            return !"off".equals(setting.getString(1));
        }
    }

    /** Notes a failed attempt on the first event that could not be published, for operators. */
    void recordFailure(long position, String error) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_FAILURE)) {
            statement.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            statement.setLong(2, position);
            statement.executeUpdate();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The session is gone either way, and with it the lock.
        }
    }
}
