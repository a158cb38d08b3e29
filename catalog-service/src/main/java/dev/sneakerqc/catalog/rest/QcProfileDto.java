package dev.sneakerqc.catalog.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** Request body of {@code PUT /api/models/{styleCode}/qc-profile}; the response is the contract's QcProfile. */
public final class QcProfileDto {

    private QcProfileDto() {
    }

    /** The profile's new content; it becomes the next version unless it equals the latest. */
    public record QcProfileRequest(
            @NotNull InspectionLevel inspectionLevel,
            @NotNull @Valid AqlRequest aql,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid QcTestRequest> tests) {
    }

    /** AQLs of the MAJOR and MINOR classes, percent nonconforming, as in the Z1.4 tables. */
    public record AqlRequest(@JsonProperty("MAJOR") @NotNull BigDecimal major,
                             @JsonProperty("MINOR") @NotNull BigDecimal minor) {
    }

    /** A test: method, the defect class a failure counts against, and the limits of a conforming value. */
    public record QcTestRequest(
            @NotNull DurabilityTestMethod method,
            @NotNull DefectClass defectClass,
            BigDecimal min,
            BigDecimal max,
            @Size(max = 16) String unit) {
    }
}
