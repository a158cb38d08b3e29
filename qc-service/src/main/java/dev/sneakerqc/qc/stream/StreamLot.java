package dev.sneakerqc.qc.stream;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lot judged in a stream for one class: the stream's history. */
@Entity
@Table(name = "stream_lot")
public class StreamLot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "factory_code")
    private String factoryCode;
    private String line;
    @Enumerated(EnumType.STRING)
    @Column(name = "defect_class")
    private DefectClass defectClass;
    @Column(name = "batch_id")
    private UUID batchId;
    @Column(name = "batch_number")
    private String batchNumber;
    @Enumerated(EnumType.STRING)
    private InspectionSeverity severity;
    private boolean accepted;
    private int nonconforming;
    @Column(name = "decided_at")
    private Instant decidedAt;

    protected StreamLot() {
    }

    public StreamLot(String factoryCode, String line, DefectClass defectClass, UUID batchId, String batchNumber,
                     InspectionSeverity severity, boolean accepted, int nonconforming, Instant decidedAt) {
        this.factoryCode = factoryCode;
        this.line = line;
        this.defectClass = defectClass;
        this.batchId = batchId;
        this.batchNumber = batchNumber;
        this.severity = severity;
        this.accepted = accepted;
        this.nonconforming = nonconforming;
        this.decidedAt = decidedAt;
    }

    public DefectClass defectClass() {
        return defectClass;
    }

    public UUID batchId() {
        return batchId;
    }

    public String batchNumber() {
        return batchNumber;
    }

    public InspectionSeverity severity() {
        return severity;
    }

    public boolean accepted() {
        return accepted;
    }

    public int nonconforming() {
        return nonconforming;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
