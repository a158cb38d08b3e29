package dev.sneakerqc.catalog.domain;

import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.contract.qc.Verdict;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A production batch (lot) of one model at one factory. It passes the production stages strictly in order;
 * finishing sends it to QC ({@link BatchSnapshot#completeStage}, written by {@code BatchWrites} without this
 * entity). Every change advances {@link #lastEventSequence()}, the sequence of the event that announces it.
 */
@Entity
@Table(name = "batch")
public class Batch {

    @Id
    private UUID id;
    @Column(name = "batch_number")
    private String batchNumber;
    @Column(name = "style_code")
    private String styleCode;
    @Column(name = "factory_code")
    private String factoryCode;
    private int quantity;
    @Enumerated(EnumType.STRING)
    private BatchStatus status;
    @Enumerated(EnumType.STRING)
    private ProductionStage stage;
    @Enumerated(EnumType.STRING)
    @Column(name = "label_status")
    private LabelStatus labelStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "label_policy")
    private LabelPolicy labelPolicy;
    @Column(name = "label_reason")
    private String labelReason;
    @Column(name = "domestic_value_share")
    private BigDecimal domesticValueShare;
    @ElementCollection
    @BatchSize(size = 200)
    @CollectionTable(name = "batch_material_lot", joinColumns = @JoinColumn(name = "batch_id"))
    @OrderColumn(name = "position")
    private List<MaterialLotLine> materialLots = new ArrayList<>();
    @Column(name = "planned_at")
    private Instant plannedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "last_event_sequence")
    private long lastEventSequence;
    @Version
    private long version;

    protected Batch() {
    }

    /** Plans a batch; its {@code BatchPlanned} event is sequence 1. */
    public static Batch plan(UUID id, String batchNumber, SneakerModel model, Factory factory, int quantity,
                             List<MaterialLotLine> materialLots, LabelDecision label, Instant at) {
        Batch batch = new Batch();
        batch.id = id;
        batch.batchNumber = batchNumber;
        batch.styleCode = model.styleCode();
        batch.factoryCode = factory.code();
        batch.quantity = quantity;
        batch.status = BatchStatus.PLANNED;
        batch.labelStatus = label.status();
        batch.labelPolicy = label.policy();
        batch.labelReason = label.reason();
        batch.domesticValueShare = label.domesticValueShare();
        batch.materialLots.addAll(materialLots);
        batch.plannedAt = at;
        batch.updatedAt = at;
        batch.lastEventSequence = 1;
        return batch;
    }

    /**
     * Applies QC's verdict to a batch in QC: accepted releases it, rejected rejects it.
     *
     * @return the sequence of the event announcing it, empty when the batch is not in QC (the verdict was
     *         applied before)
     */
    public OptionalLong applyVerdict(Verdict verdict, Instant at) {
        if (status != BatchStatus.IN_QC) {
            return OptionalLong.empty();
        }
        status = verdict == Verdict.ACCEPTED ? BatchStatus.RELEASED : BatchStatus.REJECTED;
        updatedAt = at;
        return OptionalLong.of(++lastEventSequence);
    }

    /** The stage that may be completed next, null when the batch takes no more stages. */
    public ProductionStage expectedStage() {
        return expectedStage(status, stage);
    }

    /** The stage a batch in this status, having completed {@code stage} (null: none yet), takes next; null if none. */
    public static ProductionStage expectedStage(BatchStatus status, ProductionStage stage) {
        if (!status.acceptsStages()) {
            return null;
        }
        return stage == null ? ProductionStage.first() : stage.next().orElse(null);
    }

    public LabelDecision label() {
        return new LabelDecision(labelStatus, labelPolicy, domesticValueShare, labelReason);
    }

    /** The batch as it stands now (reads its material lots). */
    public BatchSnapshot snapshot() {
        return new BatchSnapshot(id, batchNumber, styleCode, factoryCode, quantity, status, stage, expectedStage(),
                label(), materialLots(), plannedAt, updatedAt, lastEventSequence);
    }

    public UUID id() {
        return id;
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

    public int quantity() {
        return quantity;
    }

    public BatchStatus status() {
        return status;
    }

    /** The last stage completed, null before the first. */
    public ProductionStage stage() {
        return stage;
    }

    public List<MaterialLotLine> materialLots() {
        return List.copyOf(materialLots);
    }

    public Instant plannedAt() {
        return plannedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long lastEventSequence() {
        return lastEventSequence;
    }
}
