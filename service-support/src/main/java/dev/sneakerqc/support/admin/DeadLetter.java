package dev.sneakerqc.support.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** A dead-lettered record as kept in the {@code dead_letter} table. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

    @Id
    private Long id;
    private String topic;
    @Column(name = "kafka_partition")
    private int partition;
    @Column(name = "kafka_offset")
    private long offset;
    @Column(name = "record_key")
    private String key;
    private byte[] payload;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> headers;
    private String reason;
    @Column(name = "consumer_group")
    private String consumerGroup;
    @Column(name = "dead_lettered_at")
    private Instant deadLetteredAt;
    @Column(name = "redriven_at")
    private Instant redrivenAt;

    protected DeadLetter() {
    }

    public void redriven(Instant at) {
        redrivenAt = at;
    }

    public Long id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public String key() {
        return key;
    }

    public byte[] payload() {
        return payload;
    }

    public Map<String, String> headers() {
        return headers == null ? Map.of() : headers;
    }

    public String reason() {
        return reason;
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    public Instant deadLetteredAt() {
        return deadLetteredAt;
    }

    public Instant redrivenAt() {
        return redrivenAt;
    }
}
