package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.production.ProductionStage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A production batch as QC knows it from the production events. */
@Entity
@Table(name = "qc_batch")
public class QcBatch {

    @Id
    @Column(name = "batch_id")
    private UUID batchId;
    @Column(name = "batch_number")
    private String batchNumber;
    @Column(name = "style_code")
    private String styleCode;
    @Column(name = "factory_code")
    private String factoryCode;
    private String line;
    private int quantity;
    @Enumerated(EnumType.STRING)
    private ProductionStage stage;
    @Column(name = "last_production_sequence")
    private long lastProductionSequence;
    @Column(name = "planned_at")
    private Instant plannedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected QcBatch() {
    }

    public QcBatch(UUID batchId, String batchNumber, String styleCode, String factoryCode, String line, int quantity,
                   Instant plannedAt) {
        this.batchId = batchId;
        this.batchNumber = batchNumber;
        this.styleCode = styleCode;
        this.factoryCode = factoryCode;
        this.line = line;
        this.quantity = quantity;
        this.lastProductionSequence = 1;
        this.plannedAt = plannedAt;
        this.updatedAt = plannedAt;
    }

    /** A batch as its row holds it, read without the ORM (the production-events consumer's plain SQL). */
    public static QcBatch fromRow(UUID batchId, String batchNumber, String styleCode, String factoryCode, String line,
                                  int quantity, ProductionStage stage, long lastProductionSequence,
                                  Instant plannedAt, Instant updatedAt) {
        QcBatch batch = new QcBatch(batchId, batchNumber, styleCode, factoryCode, line, quantity, plannedAt);
        batch.stage = stage;
        batch.lastProductionSequence = lastProductionSequence;
        batch.updatedAt = updatedAt;
        return batch;
    }

    /** Notes a later production event of the batch. */
    public void advance(long sequence, ProductionStage completedStage, Instant at) {
        lastProductionSequence = sequence;
        if (completedStage != null) {
            stage = completedStage;
        }
        updatedAt = at;
    }

    public UUID batchId() {
        return batchId;
    }

    public String batchNumber() {
        return batchNumber;
    }

    public String styleCode() {
        return styleCode;
    }

    public String factoryCode() {
        return factoryCode;
    }

    public String line() {
        return line;
    }

    public int quantity() {
        return quantity;
    }

    public ProductionStage stage() {
        return stage;
    }

    public long lastProductionSequence() {
        return lastProductionSequence;
    }

    public Instant plannedAt() {
        return plannedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
