package dev.sneakerqc.catalog.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sneakerqc.catalog.config.CatalogConfig;
import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.catalog.persistence.ChangedBatches;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.support.outbox.OutboxBacklog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells this instance's {@link BatchCache} and {@link ChangedBatches} of every batch change, from whichever
 * instance, by following {@code production-events} from its end (with no consumer group: every instance reads
 * every event), and vouches for the cache while it can: every half second it asks the broker for the topic's end,
 * and lets the cache serve for the next second only if it has read everything that was on the topic at the last
 * asking and no event has waited in the outbox longer than {@code catalog.batch-cache.max-outbox-delay}.
 * Otherwise, or when the broker cannot be asked, the cache drops everything and reads go to the database.
 */
@Singleton
public class BatchChangeFeed {

    private static final Logger LOG = Logger.getLogger(BatchChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CHECK_EVERY_NANOS = Duration.ofMillis(500).toNanos();
    /** How long a check vouches for the cache: until the check after next is due. */
    private static final long VOUCH_NANOS = 2 * CHECK_EVERY_NANOS;
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final String SEQUENCE_FIELD = "sequence";

    private final BatchCache cache;
    private final ChangedBatches changedBatches;
    private final OutboxBacklog outbox;
    private final Map<String, Object> kafkaConfig;
    private final boolean enabled;
    private final Duration maxOutboxDelay;
    private volatile boolean running;
    /** Whether the feed failed since it last vouched for the cache (logged once). */
    private boolean failing;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    public BatchChangeFeed(BatchCache cache, ChangedBatches changedBatches, OutboxBacklog outbox, CatalogConfig config,
                           @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.cache = cache;
        this.changedBatches = changedBatches;
        this.outbox = outbox;
        this.kafkaConfig = kafkaConfig;
        this.enabled = config.batchCache().enabled();
        this.maxOutboxDelay = config.batchCache().maxOutboxDelay();
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            LOG.info("batch cache disabled by configuration: every batch is read from the database");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("batch-change-feed").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5));
        }
        cache.suspend();
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> kafka = createConsumer()) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                cache.suspend();
                if (running) {
                    if (!failing) {
                        LOG.warnf("batch cache suspended until the broker answers; batches are read from the "
                                + "database: %s", e.toString());
                        failing = true;
                    }
                    sleep(RETRY_AFTER);
                }
            } finally {
                consumer = null;
            }
        }
        cache.suspend();
    }

    /** Follows the topic from its end, checking every half second whether the cache may serve. */
    private void follow(Consumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        Map<TopicPartition, Long> lastEnds = new HashMap<>();
        for (TopicPartition partition : partitions) {
            lastEnds.put(partition, kafka.position(partition, BROKER_TIMEOUT));
        }
        long nextCheck = System.nanoTime();
        while (running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                apply(record);
            }
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                lastEnds = check(kafka, lastEnds, now);
                nextCheck = now + CHECK_EVERY_NANOS;
            }
        }
    }

    /**
     * Lets the cache serve until the check after next if the feed has read everything that was on the topic at
     * the last check and the outbox holds no event older than allowed; drops it otherwise. A cache whose last
     * vouching lapsed (this thread held up) is dropped first: events may have gone unread meanwhile.
     *
     * @return the topic's end now, for the next check
     */
    private Map<TopicPartition, Long> check(Consumer<String, byte[]> kafka, Map<TopicPartition, Long> lastEnds,
                                            long now) {
        if (!cache.isServing()) {
            cache.suspend();
        }
        Map<TopicPartition, Long> ends = kafka.endOffsets(lastEnds.keySet(), BROKER_TIMEOUT);
        boolean caughtUp = lastEnds.entrySet().stream()
                .allMatch(end -> kafka.position(end.getKey(), BROKER_TIMEOUT) >= end.getValue());
        if (caughtUp && outboxDelay().compareTo(maxOutboxDelay) < 0) {
            cache.serveUntil(now + VOUCH_NANOS);
            if (failing) {
                LOG.info("batch cache serving again");
                failing = false;
            }
        } else {
            cache.suspend();
        }
        return ends;
    }

    private Duration outboxDelay() {
        try {
            return outbox.read().oldestPendingAge();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox backlog failed", e);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        UUID batchId;
        try {
            batchId = record.key() == null ? null : UUID.fromString(record.key());
        } catch (IllegalArgumentException e) {
            return; // not a batch's event
        }
        if (batchId == null) {
            return;
        }
        long sequence = sequenceOf(record.value());
        if (sequence > 0) {
            cache.changed(batchId, sequence);
            changedBatches.changed(batchId, sequence);
        } else {
            cache.forget(batchId);
            changedBatches.forget(batchId);
        }
    }

    /** The envelope's {@code sequence}, read without parsing the rest; 0 when it cannot be read. */
    static long sequenceOf(byte[] envelope) {
        if (envelope == null) {
            return 0;
        }
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(envelope)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (SEQUENCE_FIELD.equals(field)) {
                    return value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                }
                parser.skipChildren();
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(Topics.PRODUCTION_EVENTS, BROKER_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.PRODUCTION_EVENTS + " not found");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private Consumer<String, byte[]> createConsumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "catalog-batch-change-feed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
