package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.qc.AcceptanceQualityLimits;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.SamplingPlan;
import dev.sneakerqc.qc.sampling.SamplingPlanner;
import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.Problems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

@Path("/api/sampling-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sampling plans", description = "ANSI/ASQ Z1.4 single sampling plans")
public class SamplingPlanResource {

    static final int MAX_LOT_SIZE = 100_000_000;

    private final SamplingPlanner planner;

    public SamplingPlanResource(SamplingPlanner planner) {
        this.planner = planner;
    }

    @GET
    @Operation(summary = "The Z1.4 single sampling plan for a lot", description = "codeLetter is the Table I letter; "
            + "sampleSize, acceptNumber and rejectNumber come from the plan the table's arrows lead to; inspectAll is "
            + "true when the sample size reaches the lot size (every unit is inspected).")
    public SamplingPlan plan(
            @Parameter(description = "units in the lot, 1 or more", required = true) @QueryParam("lotSize") String lotSize,
            @Parameter(description = "AQL, one of 0.065 0.10 0.15 0.25 0.40 0.65 1.0 1.5 2.5 4.0 6.5 10", required = true)
            @QueryParam("aql") String aql,
            @Parameter(description = "S-1, S-2, S-3, S-4, I, II (default) or III") @QueryParam("level") String level,
            @Parameter(description = "NORMAL (default), TIGHTENED or REDUCED") @QueryParam("severity") String severity) {
        List<FieldError> errors = new ArrayList<>();
        Integer lot = parseLotSize(lotSize, errors);
        BigDecimal quality = parseAql(aql, errors);
        InspectionLevel inspectionLevel = level == null || level.isBlank() ? InspectionLevel.II
                : InspectionLevel.fromLabel(level.strip()).orElse(null);
        if (inspectionLevel == null) {
            errors.add(new FieldError("level", "must be one of: " + InspectionLevel.allowedLabels()));
        }
        InspectionSeverity inspectionSeverity = parseSeverity(severity, errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return planner.plan(lot, quality, inspectionLevel, inspectionSeverity);
    }

    private static Integer parseLotSize(String value, List<FieldError> errors) {
        String message = "must be a whole number from 1 to " + MAX_LOT_SIZE;
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("lotSize", "is required; " + message));
            return null;
        }
        try {
            int lot = Integer.parseInt(value.strip());
            if (lot >= 1 && lot <= MAX_LOT_SIZE) {
                return lot;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("lotSize", message));
        return null;
    }

    private static BigDecimal parseAql(String value, List<FieldError> errors) {
        String message = "must be one of: " + AcceptanceQualityLimits.allowedValues();
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("aql", "is required; " + message));
            return null;
        }
        try {
            BigDecimal aql = new BigDecimal(value.strip());
            if (AcceptanceQualityLimits.isTableValue(aql)) {
                return aql;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("aql", message));
        return null;
    }

    private static InspectionSeverity parseSeverity(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return InspectionSeverity.NORMAL;
        }
        try {
            return InspectionSeverity.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("severity", "must be one of: " + Arrays.stream(InspectionSeverity.values())
                    .map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }
}
