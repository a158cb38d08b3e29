package dev.sneakerqc.qc.inspection;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The current result of one test method on one sample pair of an inspection. */
@Entity
@Table(name = "test_result")
@IdClass(TestResult.Key.class)
public class TestResult {

    /** Primary key: inspection (batch), sample pair, method. */
    public record Key(UUID batchId, int sampleUnit, DurabilityTestMethod method) implements Serializable {
        public Key() {
            this(null, 0, null);
        }
    }

    @Id
    @Column(name = "batch_id")
    private UUID batchId;
    @Id
    @Column(name = "sample_unit")
    private int sampleUnit;
    @Id
    @Enumerated(EnumType.STRING)
    private DurabilityTestMethod method;
    @Enumerated(EnumType.STRING)
    @Column(name = "defect_class")
    private DefectClass defectClass;
    private BigDecimal value;
    private boolean passed;
    private String technician;
    @Column(name = "equipment_id")
    private String equipmentId;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    private int corrections;

    protected TestResult() {
    }

    public TestResult(UUID batchId, int sampleUnit, DurabilityTestMethod method, DefectClass defectClass,
                      BigDecimal value, boolean passed, String technician, String equipmentId, Instant recordedAt) {
        this.batchId = batchId;
        this.sampleUnit = sampleUnit;
        this.method = method;
        this.defectClass = defectClass;
        this.value = value;
        this.passed = passed;
        this.technician = technician;
        this.equipmentId = equipmentId;
        this.recordedAt = recordedAt;
    }

    /** Replaces the value by a corrected one. */
    public void correct(BigDecimal newValue, boolean nowPassed, String byTechnician, String onEquipment, Instant at) {
        value = newValue;
        passed = nowPassed;
        technician = byTechnician;
        equipmentId = onEquipment;
        recordedAt = at;
        corrections++;
    }

    public UUID batchId() {
        return batchId;
    }

    public int sampleUnit() {
        return sampleUnit;
    }

    public DurabilityTestMethod method() {
        return method;
    }

    public DefectClass defectClass() {
        return defectClass;
    }

    public BigDecimal value() {
        return value;
    }

    public boolean passed() {
        return passed;
    }

    public String technician() {
        return technician;
    }

    public String equipmentId() {
        return equipmentId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public int corrections() {
        return corrections;
    }
}
