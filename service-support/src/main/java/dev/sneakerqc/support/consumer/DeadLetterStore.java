package dev.sneakerqc.support.consumer;

import dev.sneakerqc.contract.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dead_letter} table: every record a consumer dead-lettered, with its reason and origin, kept for
 * operators to list and redrive. One row per original record, however often it was dead-lettered.
 */
@ApplicationScoped
public class DeadLetterStore {

    private static final String UPSERT = """
            insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, payload, headers, reason,
                                     consumer_group, dead_lettered_at)
            values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8, now())
            on conflict (topic, kafka_partition, kafka_offset)
            do update set reason = excluded.reason, dead_lettered_at = excluded.dead_lettered_at
            """;

    private final EntityManager entityManager;

    public DeadLetterStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Keeps a dead-lettered record, in the current transaction or a new one. */
    public void record(ConsumerRecord<String, byte[]> record, String reason, String consumerGroup) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        String headersJson;
        try {
            headersJson = EventJson.mapper().writeValueAsString(headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize headers", e);
        }
        QuarkusTransaction.joiningExisting().run(() -> entityManager.createNativeQuery(UPSERT)
                .setParameter(1, record.topic())
                .setParameter(2, record.partition())
                .setParameter(3, record.offset())
                .setParameter(4, record.key())
                .setParameter(5, record.value())
                .setParameter(6, headersJson)
                .setParameter(7, reason)
                .setParameter(8, consumerGroup)
                .executeUpdate());
    }
}
