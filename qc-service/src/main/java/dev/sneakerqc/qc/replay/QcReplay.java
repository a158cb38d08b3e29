package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.EventType;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.qc.config.QcConfig;
import dev.sneakerqc.support.consumer.EventRecords;
import dev.sneakerqc.support.problem.Problems;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Rebuilds the QC read models from the event topics.
 *
 * <ol>
 *   <li>Holds the service still ({@link ReplayGate}): changes are refused, the consumer waits, no catalog calls.</li>
 *   <li>Waits until the outbox has published every QC event, and notes where each topic ends: production-events
 *   as far as the live consumer applied it, qc-events to its end.</li>
 *   <li>Reads both topics from the beginning into memory ({@link ReplayModel}), then writes fresh tables with COPY.
 *   Reads keep serving the old state meanwhile.</li>
 *   <li>Swaps the fresh tables in and lets changes through again, in one transaction. The live consumer then
 *   continues from where it stopped, so events that arrived during the rebuild are applied once.</li>
 * </ol>
 * A replay of one batch reads the same topics but rewrites only that batch's rows.
 */
@ApplicationScoped
public class QcReplay {

    private static final Logger LOG = Logger.getLogger(QcReplay.class);
    private static final Duration OUTBOX_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_EVERY_MILLIS = 500;
    /** Polls decoded (or being decoded) beyond the one being applied; with the reader's poll size, a few MB. */
    private static final int POLLS_DECODED_AHEAD = 4;

    private final ReplayGate gate;
    private final ReplayRuns runs;
    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final QcConfig config;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("qc-replay").daemon().factory());
    /**
     * The replay's helpers, one per core: they decode polls, and bulk-load half of the rebuilt state on a second
     * connection. Not the common pool: on 2 cores that has one worker, so the decoding ran on one thread while the
     * other core waited for it.
     */
    private final ForkJoinPool workers = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("qc-replay-worker-" + thread.getPoolIndex());
                return thread;
            }, null, false);

    public QcReplay(ReplayGate gate, ReplayRuns runs, AgroalDataSource dataSource,
                    @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, QcConfig config) {
        this.gate = gate;
        this.runs = runs;
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** Starts a replay of everything ({@code batchId} null) or of one batch; returns its id at once. */
    public UUID start(UUID batchId) {
        gate.activeReplay().ifPresent(running -> {
            throw Problems.conflict("replay " + running + " is running; one replay at a time",
                    Map.of("replayId", running.toString()));
        });
        UUID id = UUID.randomUUID();
        runs.started(id, batchId);
        runner.submit(() -> run(id, batchId));
        return id;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        runner.shutdownNow();
        workers.shutdownNow();
    }

    private void run(UUID id, UUID batchId) {
        Progress progress = new Progress(id);
        boolean switched = false;
        try {
            progress.phase("waiting for changes in flight to finish");
            if (!gate.acquire(id)) {
                runs.failed(id, "another replay is running");
                return;
            }
            progress.phase("waiting for the outbox to publish every QC event");
            awaitOutboxDrained();
            ReplayModel model = new ReplayModel(batchId);
            try (TopicReplayReader reader = new TopicReplayReader(kafkaConfig)) {
                progress.phase("finding where the topics end");
                List<TopicPartition> productionPartitions = reader.partitions(Topics.PRODUCTION_EVENTS);
                List<TopicPartition> qcPartitions = reader.partitions(Topics.QC_EVENTS);
                Map<TopicPartition, Long> productionEnds = appliedProductionEnds(productionPartitions,
                        reader.ends(productionPartitions));
                Map<TopicPartition, Long> qcEnds = reader.ends(qcPartitions);
                progress.total = count(reader.beginnings(productionPartitions), productionEnds)
                        + count(reader.beginnings(qcPartitions), qcEnds);
                progress.phase("replaying production-events");
                replay(reader, productionEnds, model, ProductionEvents.ALL, model::applyProductionEvent, progress);
                progress.phase("replaying qc-events");
                replay(reader, qcEnds, model, QcEvents.ALL, model::applyQcEvent, progress);
            }
            progress.phase("writing the rebuilt state");
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                if (batchId == null) {
                    ReadModelTables.createRebuildTables(connection);
                    connection.commit();
                    loadRebuildTables(connection, model);
                    pauseBeforeSwitch(progress);
                    progress.status = "SWITCHING";
                    progress.phase("switching the rebuilt state in");
                    ReadModelTables.swap(connection);
                } else {
                    BatchRows.replace(connection, batchId, model);
                }
                release(connection, id);
                finish(connection, id, progress);
                connection.commit();
                switched = true;
                if (batchId == null) {
                    ReadModelTables.dropLeftovers(connection);
                    connection.commit();
                }
            }
            progress.phase("done");
            LOG.infof("replay %s done: %d records read, %d events applied; %s", id, progress.applied, model.size(),
                    progress.timings());
        } catch (Exception e) {
            LOG.errorf(e, "replay %s failed", id);
            runs.failed(id, e.toString());
        } finally {
            if (!switched) {
                releaseQuietly(id);
            }
        }
    }

    /**
     * Reads a topic and applies its records in order. While one poll's records are applied, the next ones are
     * already being decoded: decoding (JSON and schema validation) is most of the work and runs on every core.
     */
    private void replay(TopicReplayReader reader, Map<TopicPartition, Long> ends, ReplayModel model,
                        List<EventType<?>> understood, Consumer<ReplayEvent> apply, Progress progress) {
        ArrayDeque<CompletableFuture<DecodedPoll>> decoding = new ArrayDeque<>();
        reader.read(ends, records -> {
            decoding.add(CompletableFuture.supplyAsync(
                    () -> new DecodedPoll(records.size(), decode(records, model, understood)), workers));
            while (decoding.size() > POLLS_DECODED_AHEAD) {
                applyAll(decoding.poll().join(), apply, progress);
            }
        });
        while (!decoding.isEmpty()) {
            applyAll(decoding.poll().join(), apply, progress);
        }
    }

    /** A poll's records decoded: how many were read, and those the model concerns. */
    private record DecodedPoll(int read, List<ReplayEvent> decoded) {
    }

    private static void applyAll(DecodedPoll poll, Consumer<ReplayEvent> apply, Progress progress) {
        poll.decoded().forEach(apply);
        progress.applied(poll.read());
    }

    /**
     * Checks and parses a poll's records on every core (the costly part: JSON, schema validation and mapping the
     * data to records), in order; applying them stays sequential. Records the model does not concern are left out
     * unread.
     */
    private static List<ReplayEvent> decode(List<ConsumerRecord<String, byte[]>> records, ReplayModel model,
                                            List<EventType<?>> understood) {
        return records.parallelStream().filter(model::concerns)
                .map(record -> ReplayEvent.decode(EventRecords.decode(record, understood), understood)).toList();
    }

    /**
     * Loads the rebuild tables on two connections at once, this one and one of a worker's: a single COPY keeps
     * neither PostgreSQL nor this thread busy. Both halves are committed when this returns; a failure of either
     * fails the replay once both have stopped, and the unfinished tables are dropped with the rest.
     */
    private void loadRebuildTables(Connection connection, ReplayModel model) throws SQLException {
        CompletableFuture<Void> appliedEvents = CompletableFuture.runAsync(() -> {
            try (Connection second = dataSource.getConnection()) {
                second.setAutoCommit(false);
                ReadModelTables.loadAppliedEvents(second, model);
                second.commit();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, workers);
        try {
            ReadModelTables.loadState(connection, model);
            connection.commit();
        } finally {
            awaitQuietly(appliedEvents);
        }
        try {
            appliedEvents.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static void awaitQuietly(CompletableFuture<?> task) {
        try {
            task.join();
        } catch (CompletionException | CancellationException e) {
            // reported by the caller
        }
    }

    /**
     * Where the rebuild stops reading production-events: past every record the live consumer applied (in the
     * database) or committed (in Kafka), whichever is further.
     */
    private Map<TopicPartition, Long> appliedProductionEnds(List<TopicPartition> partitions,
                                                            Map<TopicPartition, Long> logEnds)
            throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        partitions.forEach(partition -> ends.put(partition, 0L));
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "qc-replay-offsets");
        try (Admin admin = Admin.create(settings)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(config.consumer().groupId()).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            committed.forEach((partition, offset) -> {
                if (offset != null && ends.containsKey(partition)) {
                    ends.merge(partition, offset.offset(), Math::max);
                }
            });
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select kafka_partition, max(kafka_offset) from processed_event
                      where topic = ? group by kafka_partition""")) {
            statement.setString(1, Topics.PRODUCTION_EVENTS);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(Topics.PRODUCTION_EVENTS, rows.getInt(1));
                    ends.merge(partition, rows.getLong(2) + 1, Math::max);
                }
            }
        }
        ends.replaceAll((partition, end) -> Math.min(end, logEnds.getOrDefault(partition, end)));
        return ends;
    }

    private void awaitOutboxDrained() throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(OUTBOX_DRAIN_TIMEOUT);
        while (true) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "select count(*) from outbox_event where published_at is null")) {
                result.next();
                if (result.getLong(1) == 0) {
                    return;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the outbox did not publish its QC events within "
                        + OUTBOX_DRAIN_TIMEOUT.toSeconds() + " s (is Kafka reachable?)");
            }
            Thread.sleep(100);
        }
    }

    private void pauseBeforeSwitch(Progress progress) throws InterruptedException {
        Duration pause = config.replay().pauseBeforeSwitch();
        if (!pause.isZero()) {
            progress.phase("holding before the switch (qc.replay.pause-before-switch)");
            Instant until = Instant.now().plus(pause);
            while (Instant.now().isBefore(until)) {
                gate.heartbeat(progress.id);
                Thread.sleep(Math.min(500, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            }
        }
    }

    private static void release(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ReplayGate.RELEASE)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }

    private static void finish(Connection connection, UUID id, Progress progress) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ReplayRuns.finishSql())) {
            statement.setLong(1, progress.applied);
            statement.setLong(2, progress.total);
            statement.setObject(3, id);
            statement.executeUpdate();
        }
    }

    private void releaseQuietly(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            release(connection, id);
            ReadModelTables.dropLeftovers(connection);
        } catch (SQLException e) {
            LOG.warnf("could not release replay %s (%s); it expires after %d s", id, e.getMessage(),
                    ReplayGate.ABANDONED_AFTER.toSeconds());
        }
    }

    private static long count(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        long total = 0;
        for (Entry<TopicPartition, Long> end : ends.entrySet()) {
            total += Math.max(0, end.getValue() - beginnings.getOrDefault(end.getKey(), 0L));
        }
        return total;
    }

    /** Progress of a run, written to {@code replay_run} at most twice a second, with a heartbeat. */
    private final class Progress {
        final UUID id;
        String status = "RUNNING";
        String phase = "starting";
        long applied;
        long total;
        long lastWrite;
        long phaseStarted = System.nanoTime();
        final StringBuilder timings = new StringBuilder();

        Progress(UUID id) {
            this.id = id;
        }

        void phase(String now) {
            long nanos = System.nanoTime();
            timings.append(phase).append(' ').append((nanos - phaseStarted) / 1_000_000).append(" ms; ");
            phaseStarted = nanos;
            phase = now;
            if (!"done".equals(now)) {
                write();
            }
        }

        String timings() {
            return timings.toString();
        }

        void applied(int records) {
            applied += records;
            if (System.currentTimeMillis() - lastWrite >= PROGRESS_EVERY_MILLIS) {
                write();
            }
        }

        private void write() {
            lastWrite = System.currentTimeMillis();
            runs.progress(id, status, phase, applied, total);
            gate.heartbeat(id);
        }
    }
}
