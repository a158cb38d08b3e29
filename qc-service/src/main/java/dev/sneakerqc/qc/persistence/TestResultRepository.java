package dev.sneakerqc.qc.persistence;

import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.qc.inspection.TestResult;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import dev.sneakerqc.support.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TestResultRepository implements PanacheRepositoryBase<TestResult, TestResult.Key> {

    private static final String AUDIT = """
            insert into test_result_audit (batch_id, sample_unit, method, value, passed, technician, equipment_id,
                                           recorded_at, correction, reason, replaced_value)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """;

    public List<TestResult> ofInspection(UUID batchId) {
        return list("batchId", Sort.by("sampleUnit").and("method"), batchId);
    }

    public Optional<TestResult> find(UUID batchId, int sampleUnit, DurabilityTestMethod method) {
        return findByIdOptional(new TestResult.Key(batchId, sampleUnit, method));
    }

    /**
     * A recording in the audit trail.
     *
     * @param sampleUnit    the pair
     * @param method        the method
     * @param value         the value recorded
     * @param passed        whether it passed
     * @param technician    who recorded it
     * @param equipmentId   the instrument
     * @param recordedAt    when
     * @param correction    whether it corrected an earlier value
     * @param reason        why, for a correction
     * @param replacedValue the value it replaced, for a correction
     */
    public record AuditEntry(int sampleUnit, String method, BigDecimal value, boolean passed, String technician,
                             String equipmentId, Instant recordedAt, boolean correction, String reason,
                             BigDecimal replacedValue) {
    }

    /** Every recording of an inspection, in the order made. */
    public List<AuditEntry> auditTrail(UUID batchId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select sample_unit, method, value, passed, technician, equipment_id, recorded_at, correction,
                               reason, replaced_value
                          from test_result_audit where batch_id = ?1 order by id""")
                .setParameter(1, batchId)
                .getResultList();
        return rows.stream().map(row -> new AuditEntry(((Number) row[0]).intValue(), (String) row[1],
                (BigDecimal) row[2], (Boolean) row[3], (String) row[4], (String) row[5], SqlValues.instant(row[6]),
                (Boolean) row[7], (String) row[8], (BigDecimal) row[9])).toList();
    }


    /** Appends a recording to the audit trail: who recorded what, when, and why it was corrected. */
    public void audit(TestResult result, boolean correction, String reason, BigDecimal replacedValue) {
        getEntityManager().createNativeQuery(AUDIT)
                .setParameter(1, result.batchId())
                .setParameter(2, result.sampleUnit())
                .setParameter(3, result.method().name())
                .setParameter(4, result.value())
                .setParameter(5, result.passed())
                .setParameter(6, result.technician())
                .setParameter(7, result.equipmentId())
                .setParameter(8, OffsetDateTime.ofInstant(result.recordedAt(), ZoneOffset.UTC))
                .setParameter(9, correction)
                .setParameter(10, reason)
                .setParameter(11, replacedValue)
                .executeUpdate();
    }
}
