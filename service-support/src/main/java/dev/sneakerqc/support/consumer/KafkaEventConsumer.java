package dev.sneakerqc.support.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumes a topic in batches, each applied in one database transaction, and commits the batch's offsets only
 * after that transaction committed: at-least-once delivery, made exactly-once in effect by idempotent handlers
 * ({@link ProcessedEvents}). Records of a partition are applied in order.
 *
 * <p>Failures: a batch that fails transiently (database or broker away) is retried with backoff for as long as
 * it takes, the partitions paused meanwhile so the consumer keeps its group membership. A batch that fails
 * otherwise is applied record by record; a record that still fails is dead-lettered with the exception as reason,
 * so one bad record never stops the stream.
 *
 * <p>Offsets are committed without waiting for the broker, at most once per {@link ConsumerSettings#commitInterval}
 * (the offsets of every batch applied meanwhile in one commit) and always within it of a batch being applied, and
 * at once when partitions are revoked or the consumer closes.
 */
public final class KafkaEventConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaEventConsumer.class);

    private final ConsumerSettings settings;
    private final String name;
    private final Map<String, Object> kafkaConfig;
    private final EventBatchHandler handler;
    private final DeadLetterPublisher deadLetterPublisher;
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private volatile Instant lastCommitAt;
    private volatile String lastFailure;
    private volatile List<Integer> assignedPartitions = List.of();
    private Thread thread;
    private Consumer<String, byte[]> consumer;
    /** Offsets of applied records not yet committed (the consuming thread's alone). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();

    public KafkaEventConsumer(ConsumerSettings settings, Map<String, Object> kafkaConfig, EventBatchHandler handler,
                              DeadLetterPublisher deadLetterPublisher) {
        this(settings, 0, kafkaConfig, handler, deadLetterPublisher);
    }

    /** The {@code index}th of the instance's consumers of the topic (their client ids and threads differ by it). */
    public KafkaEventConsumer(ConsumerSettings settings, int index, Map<String, Object> kafkaConfig,
                              EventBatchHandler handler, DeadLetterPublisher deadLetterPublisher) {
        this.settings = settings;
        this.name = settings.topic() + (index == 0 ? "" : "-" + index);
        this.kafkaConfig = kafkaConfig;
        this.handler = handler;
        this.deadLetterPublisher = deadLetterPublisher;
    }

    /** Starts consuming on a thread of its own. */
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            thread = Thread.ofPlatform().name("consumer-" + name).daemon().start(this::run);
        }
    }

    /** Asks it to stop after the batch in progress, without waiting; {@link #close()} then waits. */
    public void beginClose() {
        synchronized (lifecycle) {
            running = false;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
    }

    /** Stops after the batch in progress; its offsets are committed if it completed. */
    @Override
    public void close() {
        beginClose();
        Thread consuming;
        synchronized (lifecycle) {
            consuming = thread;
        }
        if (consuming != null) {
            try {
                consuming.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** When offsets were last committed, null if never. */
    public Instant lastCommitAt() {
        return lastCommitAt;
    }

    /** Why the last failing attempt failed, null once a batch succeeded. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The partitions this instance reads now (the group splits them among instances). */
    public List<Integer> assignedPartitions() {
        return assignedPartitions;
    }

    public ConsumerSettings settings() {
        return settings;
    }

    private void run() {
        try (Consumer<String, byte[]> kafka = createConsumer()) {
            synchronized (lifecycle) {
                consumer = kafka;
                if (!running) {
                    return;
                }
            }
            kafka.subscribe(List.of(settings.topic()), new RebalanceLogger());
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> polled = kafka.poll(pollTimeout());
                    if (polled.isEmpty()) {
                        commitIfDue(kafka);
                        continue;
                    }
                    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(polled.count());
                    polled.forEach(batch::add);
                    apply(kafka, batch);
                }
            } finally {
                commitHeldOffsets(kafka);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("consumer of " + settings.topic() + " woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("consumer of " + settings.topic() + " stopped", e);
        } finally {
            synchronized (lifecycle) {
                consumer = null;
            }
        }
    }

    private void apply(Consumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> batch) {
        Duration backoff = Duration.ZERO;
        int attempts = 0;
        while (running) {
            try {
                applyInTransaction(batch);
                commit(kafka, batch);
                lastFailure = null;
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                attempts++;
                lastFailure = e.toString();
                if (!TransientFailures.isTransient(e) && attempts >= settings.attemptsBeforeIsolating()) {
                    LOG.warnf("a batch of %d records from %s keeps failing (%s); applying them one by one",
                            batch.size(), settings.topic(), e);
                    applyOneByOne(kafka, batch);
                    return;
                }
                LOG.warnf("applying %d records from %s failed (attempt %d: %s); retrying", batch.size(),
                        settings.topic(), attempts, e);
                backoff = waitBeforeRetry(kafka, backoff);
            }
        }
    }

    private void applyOneByOne(Consumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> batch) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            Duration backoff = Duration.ZERO;
            int attempts = 0;
            while (running) {
                try {
                    applyInTransaction(List.of(record));
                    commit(kafka, List.of(record));
                    break;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    boolean isTransient = TransientFailures.isTransient(e);
                    attempts = isTransient ? attempts : attempts + 1;
                    lastFailure = e.toString();
                    if (attempts >= settings.attemptsPerRecord()) {
                        deadLetter(kafka, record, "cannot be applied: " + e);
                        break;
                    }
                    backoff = waitBeforeRetry(kafka, backoff);
                }
            }
        }
    }

    private void deadLetter(Consumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> record, String reason) {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                deadLetterPublisher.send(record, reason, settings.groupId());
                commit(kafka, List.of(record));
                return;
            } catch (DeadLetterPublisher.DeadLetterFailedException e) {
                backoff = waitBeforeRetry(kafka, backoff);
            }
        }
    }

    private void applyInTransaction(List<ConsumerRecord<String, byte[]>> records) {
        QuarkusTransaction.requiringNew().timeout(120).run(() -> handler.handle(records,
                (record, reason) -> deadLetterPublisher.send(record, reason, settings.groupId())));
    }

    /**
     * Holds the applied records' offsets for the next commit, and commits them if one is due. A commit that fails
     * or is lost (a crash, the partitions moving) only means the records are delivered again, and idempotency
     * makes that harmless.
     */
    private void commit(Consumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> records) {
        Set<TopicPartition> owned = kafka.assignment();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (owned.contains(partition)) {
                uncommitted.merge(partition, new OffsetAndMetadata(record.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
            }
        }
        commitIfDue(kafka);
    }

    /** How long the next poll may wait: until the held offsets are due, if there are any. */
    private Duration pollTimeout() {
        if (uncommitted.isEmpty()) {
            return Duration.ofMillis(500);
        }
        long due = settings.commitInterval().toNanos() - (System.nanoTime() - lastCommitNanos);
        return Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(), due));
    }

    /** Commits the held offsets, without waiting for the broker, once {@code commitInterval} has passed. */
    private void commitIfDue(Consumer<String, byte[]> kafka) {
        if (uncommitted.isEmpty()
                || System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
        uncommitted.clear();
        lastCommitNanos = System.nanoTime();
        kafka.commitAsync(offsets, (committed, failure) -> {
            if (failure == null) {
                lastCommitAt = Instant.now();
            } else {
                // Applied but not committed (e.g. the partitions moved to another instance): they will be applied
                // again there, and idempotency makes that harmless.
                LOG.warnf("committing offsets of %s failed (%s); the records may be delivered again",
                        settings.topic(), failure);
            }
        });
    }

    /**
     * Commits the held offsets of these partitions and waits for the broker (before they move to another member,
     * or as the consumer closes), so that their records are not applied again elsewhere. Closing the consumer also
     * waits for the asynchronous commits still in flight.
     */
    private void commitHeldOffsets(Consumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = uncommitted.remove(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                kafka.commitSync(offsets, Duration.ofSeconds(5));
            } catch (WakeupException e) {
                // The wakeup of a close that came while a batch was being applied: it is spent now.
                kafka.commitSync(offsets, Duration.ofSeconds(5));
            }
            lastCommitAt = Instant.now();
        } catch (RuntimeException e) {
            LOG.warnf("committing offsets of %s failed (%s); the records may be delivered again", settings.topic(),
                    e.toString());
        }
    }

    private void commitHeldOffsets(Consumer<String, byte[]> kafka) {
        commitHeldOffsets(kafka, List.copyOf(uncommitted.keySet()));
    }

    /** Waits with the partitions paused, polling so the consumer keeps its place in the group. */
    private Duration waitBeforeRetry(Consumer<String, byte[]> kafka, Duration previous) {
        Duration next = previous.isZero() ? Duration.ofMillis(200)
                : previous.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                : previous.multipliedBy(2);
        Collection<TopicPartition> assignment = kafka.assignment();
        kafka.pause(assignment);
        try {
            Instant until = Instant.now().plus(next);
            while (running && Instant.now().isBefore(until)) {
                kafka.poll(Duration.ofMillis(Math.min(100, Math.max(1, Duration.between(Instant.now(), until).toMillis()))));
            }
        } finally {
            kafka.resume(kafka.assignment());
        }
        return next;
    }

    private Consumer<String, byte[]> createConsumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private final class RebalanceLogger implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.infof("%s: assigned %s", settings.groupId(), partitions);
            update(List.of());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            LOG.infof("%s: revoked %s", settings.groupId(), partitions);
            Consumer<String, byte[]> current = consumer;
            if (current != null) {
                commitHeldOffsets(current, partitions);
            }
            update(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.infof("%s: lost %s", settings.groupId(), partitions);
            partitions.forEach(uncommitted::remove); // another member owns them already: nothing to commit
            update(partitions);
        }

        private void update(Collection<TopicPartition> leaving) {
            Consumer<String, byte[]> current = consumer;
            if (current != null) {
                assignedPartitions = current.assignment().stream().filter(partition -> !leaving.contains(partition))
                        .map(TopicPartition::partition).sorted().toList();
            }
        }
    }
}
