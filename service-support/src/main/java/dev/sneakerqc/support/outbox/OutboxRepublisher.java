package dev.sneakerqc.support.outbox;

import dev.sneakerqc.support.problem.Problems;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends stored events again, from the outbox (the service's event history), with their original event ids, keys,
 * values and headers, in the order they were committed (hence in order per aggregate). Consumers deduplicate, so
 * their state does not change; a consumer that lost data catches up. The outbox itself is not changed.
 */
@ApplicationScoped
public class OutboxRepublisher {

    private static final Logger LOG = Logger.getLogger(OutboxRepublisher.class);
    private static final int CHUNK = 1_000;

    /**
     * What to send again.
     *
     * @param fromSequence events whose per-aggregate sequence is at least this (1 = all)
     * @param fromTime     or: events that occurred at or after this time
     * @param aggregateId  only this aggregate (a batch id), or all
     */
    public record Request(Long fromSequence, Instant fromTime, String aggregateId) {
    }

    private final AgroalDataSource dataSource;
    private final RepublishRuns runs;
    private final Map<String, Object> kafkaConfig;
    private final OutboxConfig config;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("outbox-republish").daemon().factory());

    public OutboxRepublisher(AgroalDataSource dataSource, RepublishRuns runs,
                             @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                             OutboxConfig config) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** Starts sending; returns the run's id at once. */
    public UUID start(Request request) {
        if ((request.fromSequence() == null) == (request.fromTime() == null)) {
            throw Problems.invalid("fromSequence", "give either fromSequence or fromTime");
        }
        if (request.fromSequence() != null && request.fromSequence() < 1) {
            throw Problems.invalid("fromSequence", "must be 1 or more");
        }
        long total;
        try {
            total = count(request);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the events to republish", e);
        }
        UUID id = UUID.randomUUID();
        runs.started(id, request, total);
        runner.submit(() -> run(id, request, total));
        return id;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        runner.shutdownNow();
    }

    private void run(UUID id, Request request, long total) {
        long sent = 0;
        long after = 0;
        try (Producer<String, byte[]> producer = producer()) {
            while (true) {
                List<PendingEvent> chunk = read(request, after);
                if (chunk.isEmpty()) {
                    break;
                }
                List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(chunk.size());
                for (PendingEvent event : chunk) {
                    acknowledgements.add(producer.send(OutboxRecords.toRecord(event, config.source())));
                }
                for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                    acknowledgement.get(2, TimeUnit.MINUTES);
                }
                sent += chunk.size();
                after = chunk.getLast().position();
                runs.progress(id, sent, Math.max(total, sent));
            }
            runs.done(id, sent);
            LOG.infof("republish %s done: %d events sent", id, sent);
        } catch (Exception e) {
            LOG.errorf(e, "republish %s failed after %d events", id, sent);
            runs.failed(id, sent, e.toString());
        }
    }

    private long count(Request request) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from outbox_event where " + conditions(request) + " and position > ?")) {
            bind(statement, request, 0);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private List<PendingEvent> read(Request request, long after) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select position, event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version,
                            occurred_at, payload
                       from outbox_event where %s and position > ? order by position limit %d"""
                     .formatted(conditions(request), CHUNK))) {
            bind(statement, request, after);
            try (ResultSet rows = statement.executeQuery()) {
                List<PendingEvent> events = new ArrayList<>(CHUNK);
                while (rows.next()) {
                    events.add(new PendingEvent(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getLong(5), rows.getString(6), rows.getInt(7),
                            rows.getObject(8, OffsetDateTime.class).toInstant(), rows.getString(9)));
                }
                return events;
            }
        }
    }

    private static String conditions(Request request) {
        String from = request.fromSequence() != null ? "aggregate_sequence >= ?" : "occurred_at >= ?";
        return request.aggregateId() == null ? from : from + " and aggregate_id = ?";
    }

    private static void bind(PreparedStatement statement, Request request, long after) throws SQLException {
        int index = 1;
        if (request.fromSequence() != null) {
            statement.setLong(index++, request.fromSequence());
        } else {
            statement.setTimestamp(index++, Timestamp.from(request.fromTime()));
        }
        if (request.aggregateId() != null) {
            statement.setString(index++, request.aggregateId());
        }
        statement.setLong(index, after);
    }

    private Producer<String, byte[]> producer() {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-republish");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
}
