package dev.sneakerqc.qc.rest;

import dev.sneakerqc.qc.inspection.InspectionStatus;
import dev.sneakerqc.qc.persistence.TestResultRepository;
import dev.sneakerqc.qc.rest.InspectionDto.InspectionPage;
import dev.sneakerqc.qc.rest.InspectionDto.InspectionView;
import dev.sneakerqc.qc.rest.InspectionDto.RecordResult;
import dev.sneakerqc.qc.rest.InspectionDto.ResultView;
import dev.sneakerqc.qc.service.InspectionQueries;
import dev.sneakerqc.qc.service.ResultRecording;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.rest.BodyConstraints;
import dev.sneakerqc.support.rest.PathIds;
import dev.sneakerqc.support.rest.QueryParams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/inspections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inspections", description = "Inspections of finished batches and their test results")
public class InspectionResource {

    private final InspectionQueries queries;
    private final ResultRecording recording;

    public InspectionResource(InspectionQueries queries, ResultRecording recording) {
        this.queries = queries;
        this.recording = recording;
    }

    @GET
    @Operation(summary = "List inspections", description = "Most recently finished first.")
    public InspectionPage list(
            @Parameter(description = "AWAITING_PROFILE, ON_HOLD, OPEN, ACCEPTED or REJECTED")
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @Parameter(description = "1 to 200, default 20") @QueryParam("size") String size) {
        InspectionStatus wanted = QueryParams.optionalEnum("status", status, InspectionStatus.class);
        int pageNumber = QueryParams.intInRange("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParams.intInRange("size", size, 20, 1, 200);
        InspectionQueries.Page found = queries.search(wanted, pageNumber, pageSize);
        return new InspectionPage(found.items().stream().map(InspectionView::of).toList(), pageNumber, pageSize,
                found.total(), (found.total() + pageSize - 1) / pageSize);
    }

    @GET
    @Path("/{batchId}")
    @Operation(summary = "An inspection: plans per class, severity, progress, nonconforming counts and status")
    public InspectionView get(@PathParam("batchId") String batchId) {
        return InspectionView.of(queries.get(id(batchId)));
    }

    @POST
    @Path("/{batchId}/results")
    @Operation(summary = "Record a test result on a sample pair", description = "passed is judged against the "
            + "limits of the profile snapshot. A second result for the same pair and method is a 409 unless sent "
            + "with correction=true and a reason. A pair out of range or a method not in the profile is a 422; a "
            + "result on a decided inspection is a 409. The verdict is issued as soon as there is one.")
    public Response record(@PathParam("batchId") String batchId, @NotNull @Valid RecordResult body) {
        BodyConstraints.check(body);
        boolean correction = Boolean.TRUE.equals(body.correction());
        if (correction && (body.reason() == null || body.reason().isBlank())) {
            throw Problems.invalid("reason", "a correction needs a reason");
        }
        UUID id = id(batchId);
        ResultRecording.Recorded recorded = recording.record(id, new ResultRecording.Measurement(body.sampleUnit(),
                body.method(), body.value(), body.technician().strip(), body.equipmentId().strip(), correction,
                correction ? body.reason().strip() : null));
        return Response.created(UriBuilder.fromResource(InspectionResource.class).path(batchId).build())
                .entity(ResultView.of(recorded)).build();
    }

    @GET
    @Path("/{batchId}/results")
    @Operation(summary = "The audit trail of an inspection's results", description = "Every recording in the order "
            + "made: who recorded which value on which pair with which instrument, and why a value was corrected.")
    public List<TestResultRepository.AuditEntry> results(@PathParam("batchId") String batchId) {
        return queries.auditTrail(id(batchId));
    }

    private static UUID id(String batchId) {
        return PathIds.uuid(batchId).orElseThrow(() -> Problems.notFound("inspection of batch", batchId));
    }
}
