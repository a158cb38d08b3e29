package dev.sneakerqc.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Publishes outbox events to Kafka with an idempotent producer ({@code acks=all}), as CloudEvents in binary
 * mode, keyed by aggregate id.
 *
 * <p>Order per aggregate: records of one key go to one partition and the idempotent producer keeps their
 * order. Records never expire in the producer ({@code delivery.timeout.ms} unbounded), so it never re-sequences a
 * later record ahead of an earlier one that expired. A round that is not acknowledged within
 * {@code outbox.relay.acknowledgement-timeout} fails instead: the producer is closed at once and the next round's
 * new producer sends the unacknowledged events again, oldest first. An event is reported published only when it
 * and every earlier event of its aggregate in the round were acknowledged.
 */
@Startup // registers its meters at start, so they are scraped from the first moment
@ApplicationScoped
public class KafkaEventPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);

    private final Map<String, Object> kafkaConfig;
    private final OutboxConfig config;
    private final Function<Map<String, Object>, Producer<String, byte[]>> producers;
    private final Timer publishLatency;
    private volatile Producer<String, byte[]> producer;

    @Inject
    public KafkaEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                               OutboxConfig config, MeterRegistry registry) {
        this(kafkaConfig, config, registry,
                settings -> new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer()));
    }

    /** With the given way of making a producer from its settings. */
    KafkaEventPublisher(Map<String, Object> kafkaConfig, OutboxConfig config, MeterRegistry registry,
                        Function<Map<String, Object>, Producer<String, byte[]>> producers) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.producers = producers;
        this.publishLatency = Timer.builder("outbox.publish.latency")
                .description("From the state change (event occurredAt) to the event acknowledged by Kafka")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Sends the events and waits until each is acknowledged or failed. */
    PublishOutcome publish(List<PendingEvent> events) {
        Producer<String, byte[]> current = producer();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
        String sendFailure = null;
        for (PendingEvent event : events) {
            try {
                acknowledgements.add(current.send(OutboxRecords.toRecord(event, config.source())));
            } catch (KafkaException e) {
                sendFailure = describe(e);
                break;
            }
        }
        long deadline = System.nanoTime() + config.relay().acknowledgementTimeout().toNanos();
        List<Long> published = new ArrayList<>(events.size());
        Set<String> blockedAggregates = new HashSet<>();
        long firstFailure = -1;
        String failureReason = null;
        for (int i = 0; i < events.size(); i++) {
            PendingEvent event = events.get(i);
            String reason = i < acknowledgements.size()
                    ? awaitAcknowledgement(acknowledgements.get(i), event, deadline) : sendFailure;
            if (reason != null && firstFailure < 0) {
                firstFailure = event.position();
                failureReason = reason;
            }
            if (reason != null || blockedAggregates.contains(event.aggregateId())) {
                blockedAggregates.add(event.aggregateId());
            } else {
                published.add(event.position());
            }
        }
        if (failureReason != null) {
            // A producer that failed or stopped making progress may be in an unusable state (e.g. fenced, its
            // sequences out of step with the broker's); closed at once, it sends nothing more, and a new one
            // starts afresh.
            closeProducer(Duration.ZERO);
        }
        return new PublishOutcome(published, firstFailure, failureReason);
    }

    private String awaitAcknowledgement(Future<RecordMetadata> acknowledgement, PendingEvent event, long deadline) {
        try {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            publishLatency.record(Duration.between(event.occurredAt(), Instant.now()));
            return null;
        } catch (TimeoutException e) {
            return "not acknowledged by Kafka within " + config.relay().acknowledgementTimeout()
                    + " (outbox.relay.acknowledgement-timeout)";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            current = producers.apply(producerConfig());
            producer = current;
        }
        return current;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request at a time. With more, a new producer (whose id the broker has no state for yet) whose first
        // batch of a partition was refused (NOT_LEADER_OR_FOLLOWER, as a restarted broker answers at first) could
        // have its next batch accepted before it: a later event of a batch landed ahead of earlier ones, which were
        // then refused as OUT_OF_ORDER_SEQUENCE_NUMBER for good (KafkaOutageTest, two CI runs on 2026-12-02).
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.relay().metadataWait().toMillis());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return settings;
    }

    /** Closes the producer; unacknowledged events stay pending in the outbox and go out in a later round. */
    void closeProducer(Duration timeout) {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            try {
                current.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf(e, "closing the outbox producer failed");
            }
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
