package dev.sneakerqc.support.consumer;

import dev.sneakerqc.contract.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends records a consumer cannot apply to the dead-letter topic of their topic ({@code <topic>.dlq}), unchanged
 * (key, value, headers), with headers saying why and where from. Waits for Kafka's acknowledgement, so the
 * consumer commits its offset only once the record is safe; a record may be dead-lettered twice if the
 * consumer's transaction then fails and the batch is applied again.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER_GROUP = "dead-letter-consumer-group";
    public static final String AT = "dead-letter-at";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private static final int MAX_REASON_LENGTH = 2_000;

    private final Map<String, Object> kafkaConfig;
    private final DeadLetterStore store;
    private Producer<String, byte[]> producer;

    public DeadLetterPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                               DeadLetterStore store) {
        this.kafkaConfig = kafkaConfig;
        this.store = store;
    }

    /**
     * Dead-letters a record: waits until Kafka has it on the dead-letter topic, and keeps it in the
     * {@code dead_letter} table (in the caller's transaction if there is one) for listing and redrive.
     *
     * @throws DeadLetterFailedException when Kafka did not acknowledge it; the batch must be retried
     */
    public void send(ConsumerRecord<String, byte[]> record, String reason, String consumerGroup) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, REASON, reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
        header(headers, TOPIC, record.topic());
        header(headers, PARTITION, Integer.toString(record.partition()));
        header(headers, OFFSET, Long.toString(record.offset()));
        header(headers, CONSUMER_GROUP, consumerGroup);
        header(headers, AT, Instant.now().toString());
        String deadLetterTopic = Topics.deadLetterTopicOf(record.topic());
        republish(deadLetterTopic, record.key(), record.value(), headers);
        LOG.warnf("dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, reason);
        try {
            store.record(record, reason, consumerGroup);
        } catch (RuntimeException e) {
            throw new DeadLetterFailedException("cannot keep the dead letter of " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        }
    }

    /**
     * Sends a record back to a topic (a redrive) and waits for Kafka's acknowledgement.
     *
     * @throws DeadLetterFailedException when Kafka did not acknowledge it
     */
    public void republish(String topic, String key, byte[] value, RecordHeaders headers) {
        try {
            producer().send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DeadLetterFailedException("cannot send to " + topic, e);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafkaConfig);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    /** Kafka did not take a dead letter; nothing is committed and the batch is applied again later. */
    public static class DeadLetterFailedException extends RuntimeException {
        DeadLetterFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
