package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.ProductionStage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The record that a batch completed a stage, and when: one row of the batch's history. */
@Entity
@Table(name = "batch_stage")
@IdClass(StageCompletion.Key.class)
public class StageCompletion {

    /** Primary key: batch and stage. */
    public record Key(UUID batchId, ProductionStage stage) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "batch_id")
    private UUID batchId;
    @Id
    @Enumerated(EnumType.STRING)
    private ProductionStage stage;
    @Column(name = "completed_at")
    private Instant completedAt;
    /** The sequence of the event that announced it. */
    private long sequence;

    protected StageCompletion() {
    }

    public StageCompletion(UUID batchId, ProductionStage stage, Instant completedAt, long sequence) {
        this.batchId = batchId;
        this.stage = stage;
        this.completedAt = completedAt;
        this.sequence = sequence;
    }

    public UUID batchId() {
        return batchId;
    }

    public ProductionStage stage() {
        return stage;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public long sequence() {
        return sequence;
    }
}
