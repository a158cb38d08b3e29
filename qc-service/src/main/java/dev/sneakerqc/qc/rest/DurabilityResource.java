package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.inspection.TestResult;
import dev.sneakerqc.qc.service.InspectionQueries;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.rest.PathIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

@Path("/api/batches/{batchId}/durability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Durability", description = "The durability tests a batch passed")
public class DurabilityResource {

    /**
     * One test method on the batch's samples.
     *
     * @param method      the method
     * @param standard    the standard it follows
     * @param defectClass the class a failure counts against
     * @param min         lower limit, null when open
     * @param max         upper limit, null when open
     * @param unit        unit of the values
     * @param pairsTested sample pairs with a result
     * @param passed      of those, within the limits
     * @param failed      of those, outside
     * @param lowest      lowest value, null when none
     * @param highest     highest value, null when none
     * @param mean        mean value (4 places), null when none
     */
    public record MethodSummary(DurabilityTestMethod method, String standard, DefectClass defectClass, BigDecimal min,
                                BigDecimal max, String unit, int pairsTested, int passed, int failed,
                                BigDecimal lowest, BigDecimal highest, BigDecimal mean) {
    }

    /** The batch's durability summary. */
    public record DurabilityReport(UUID batchId, String batchNumber, String styleCode, InspectionStatus status,
                                   Verdict verdict, Integer profileVersion, List<MethodSummary> methods) {
    }

    private final InspectionQueries queries;

    public DurabilityResource(InspectionQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Per test method: the limit, pairs tested, passed, failed, and min/max/mean of the values")
    public DurabilityReport get(@PathParam("batchId") String batchId) {
        UUID id = PathIds.uuid(batchId).orElseThrow(() -> Problems.notFound("inspection of batch", batchId));
        InspectionQueries.InspectionRead read = queries.get(id);
        QcProfile profile = read.inspection().profile();
        List<MethodSummary> methods = profile == null ? List.of()
                : profile.tests().stream().map(test -> summarize(test, read.results())).toList();
        return new DurabilityReport(id, read.batch().batchNumber(), read.batch().styleCode(),
                read.inspection().status(), read.inspection().verdict(),
                profile == null ? null : profile.version(), methods);
    }

    private static MethodSummary summarize(QcProfile.QcTest test, List<TestResult> results) {
        List<TestResult> ofMethod = results.stream().filter(result -> result.method() == test.method()).toList();
        int passed = (int) ofMethod.stream().filter(TestResult::passed).count();
        List<BigDecimal> values = ofMethod.stream().map(TestResult::value).toList();
        BigDecimal lowest = values.stream().min(BigDecimal::compareTo).orElse(null);
        BigDecimal highest = values.stream().max(BigDecimal::compareTo).orElse(null);
        BigDecimal mean = values.isEmpty() ? null : values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 4, RoundingMode.HALF_EVEN);
        return new MethodSummary(test.method(), test.method().standard(), test.defectClass(), test.min(), test.max(),
                test.unit(), ofMethod.size(), passed, ofMethod.size() - passed, lowest, highest, mean);
    }
}
