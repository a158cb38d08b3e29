package dev.sneakerqc.contract.qc;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A version of a model's QC profile as the catalog serves it at {@code GET /api/models/{styleCode}/qc-profile}
 * and the QC service reads it. Versions are immutable; a change creates the next version.
 *
 * @param styleCode       the model
 * @param version         1, 2, 3, … per model
 * @param inspectionLevel the Z1.4 inspection level durability samples are drawn at
 * @param aql             acceptance quality limits of the MAJOR and MINOR classes (CRITICAL is always 0)
 * @param tests           the durability tests, one per method
 * @param createdAt       when this version was created
 */
public record QcProfile(String styleCode, int version, InspectionLevel inspectionLevel, Aql aql,
                        List<QcTest> tests, Instant createdAt) {

    /** AQLs per sampled defect class, in percent nonconforming. */
    public record Aql(@JsonProperty("MAJOR") BigDecimal major, @JsonProperty("MINOR") BigDecimal minor) {
    }

    /**
     * One test of the profile: a pair conforms when {@code min <= value <= max} (a missing bound is open).
     */
    public record QcTest(DurabilityTestMethod method, DefectClass defectClass, BigDecimal min, BigDecimal max,
                         String unit) {
    }
}
