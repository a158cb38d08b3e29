package dev.sneakerqc.qc.stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A supplier's corrective action recorded for a discontinued stream. */
@Entity
@Table(name = "corrective_action")
public class CorrectiveAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "factory_code")
    private String factoryCode;
    private String line;
    private String description;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected CorrectiveAction() {
    }

    public CorrectiveAction(String factoryCode, String line, String description, String recordedBy, Instant at) {
        this.factoryCode = factoryCode;
        this.line = line;
        this.description = description;
        this.recordedBy = recordedBy;
        this.recordedAt = at;
    }

    public Long id() {
        return id;
    }

    public String description() {
        return description;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
