package dev.sneakerqc.qc.stream;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The stored switching state of one defect class (MAJOR or MINOR) of a stream. */
@Entity
@Table(name = "switching_state")
@IdClass(SwitchingState.Key.class)
public class SwitchingState {

    /** Primary key: factory, line, class. */
    public record Key(String factoryCode, String line, DefectClass defectClass) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "factory_code")
    private String factoryCode;
    @Id
    private String line;
    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "defect_class")
    private DefectClass defectClass;
    @Enumerated(EnumType.STRING)
    private InspectionSeverity severity;
    @Column(name = "recent_on_normal")
    private String recentOnNormal;
    @Column(name = "consecutive_accepted")
    private int consecutiveAccepted;
    @Column(name = "not_accepted_on_tightened")
    private int notAcceptedOnTightened;
    private boolean discontinued;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected SwitchingState() {
    }

    public SwitchingState(String factoryCode, String line, DefectClass defectClass, Instant at) {
        this.factoryCode = factoryCode;
        this.line = line;
        this.defectClass = defectClass;
        apply(SwitchingRules.State.INITIAL, at);
    }

    public SwitchingRules.State state() {
        return new SwitchingRules.State(severity, recentOnNormal, consecutiveAccepted, notAcceptedOnTightened,
                discontinued);
    }

    public void apply(SwitchingRules.State state, Instant at) {
        severity = state.severity();
        recentOnNormal = state.recentOnNormal();
        consecutiveAccepted = state.consecutiveAccepted();
        notAcceptedOnTightened = state.notAcceptedOnTightened();
        discontinued = state.discontinued();
        updatedAt = at;
    }

    public String factoryCode() {
        return factoryCode;
    }

    public String line() {
        return line;
    }

    public DefectClass defectClass() {
        return defectClass;
    }

    public InspectionSeverity severity() {
        return severity;
    }

    public boolean discontinued() {
        return discontinued;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
