package dev.sneakerqc.infra.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes records to a topic in tests, each acknowledged before the call returns. */
public final class TopicWriter implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes a record with string headers and waits for the broker's acknowledgement. */
    public void write(String key, byte[] value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, headerValue) -> recordHeaders.add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
