package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.Batch;
import dev.sneakerqc.catalog.domain.StageCompletion;
import dev.sneakerqc.catalog.persistence.BatchRepository;
import dev.sneakerqc.catalog.rest.BatchDto.BatchHistory;
import dev.sneakerqc.catalog.rest.BatchDto.BatchPage;
import dev.sneakerqc.catalog.rest.BatchDto.BatchView;
import dev.sneakerqc.catalog.rest.BatchDto.CompleteStage;
import dev.sneakerqc.catalog.rest.BatchDto.MaterialLotDto;
import dev.sneakerqc.catalog.rest.BatchDto.PlanBatch;
import dev.sneakerqc.catalog.rest.BatchDto.StageEntry;
import dev.sneakerqc.catalog.service.BatchService;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.rest.BodyConstraints;
import dev.sneakerqc.support.rest.PathIds;
import dev.sneakerqc.support.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

@Path("/api/batches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Batches", description = "Production batches and their stages")
public class BatchResource {

    // Planning runs in one transaction with the building of its response, which reads the batch's lots; a stage
    // change returns the batch as its transaction left it.

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;

    private final BatchService batches;
    private final BatchBodies bodies;

    public BatchResource(BatchService batches, BatchBodies bodies) {
        this.batches = batches;
        this.bodies = bodies;
    }

    @POST
    @Transactional
    @Operation(summary = "Plan a batch", description = "Gives the batch a readable number and decides its "
            + "Made-in-USA label. 422 when the model or factory does not exist. Emits BatchPlanned.")
    public Response plan(@NotNull @Valid PlanBatch body) {
        BodyConstraints.check(body);
        List<MaterialLotDto> lots = body.materialLots() == null ? List.of() : body.materialLots();
        Batch batch = batches.plan(body.styleCode(), body.factoryCode(), body.quantity(),
                lots.stream().map(MaterialLotDto::toDomain).toList());
        return Response.created(UriBuilder.fromResource(BatchResource.class).path(batch.id().toString()).build())
                .entity(BatchView.of(batch)).build();
    }

    @POST
    @Path("/{id}/stages")
    @Operation(summary = "Complete the next production stage", description = "Stages come in the order "
            + "MATERIALS_SOURCED, PATTERN_CUT, STITCHED, LASTED, FINISHED; FINISHED sends the batch to QC (IN_QC). "
            + "409 when the stage is out of order, repeated, or the batch takes no more stages. "
            + "Emits BatchStageCompleted.")
    public BatchView completeStage(@PathParam("id") String id, @NotNull @Valid CompleteStage body) {
        BodyConstraints.check(body);
        return BatchView.of(batches.completeStage(batchId(id), body.stage()));
    }

    /**
     * Answered on the I/O thread when the batch cache holds the batch; read from the database on a worker thread
     * otherwise.
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a batch", description = "The batch as last changed through this instance; a change "
            + "made through another instance shows once its event has reached this one (about 3 s at the latest). "
            + "With Cache-Control: no-cache, the batch is read from the database.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    public Uni<byte[]> get(@PathParam("id") String id, @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        UUID batchId = batchId(id);
        if (wantsFresh(cacheControl)) {
            return onWorker(() -> bodies.readFresh(batchId));
        }
        byte[] held = bodies.held(batchId);
        return held != null ? Uni.createFrom().item(held) : onWorker(() -> bodies.read(batchId));
    }

    private static Uni<byte[]> onWorker(Supplier<byte[]> blockingRead) {
        return Uni.createFrom().item(blockingRead).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The batch's completed stages with their times")
    public BatchHistory history(@PathParam("id") String id) {
        UUID batchId = batchId(id);
        Batch batch = batches.get(batchId);
        List<StageCompletion> stages = batches.history(batchId);
        return new BatchHistory(batch.id(), batch.batchNumber(), batch.plannedAt(),
                stages.stream().map(StageEntry::of).toList());
    }

    @GET
    @Operation(summary = "Search batches", description = "Newest first. supplierLot answers the recall question: "
            + "which batches used this supplier lot.")
    public BatchPage search(
            @Parameter(description = "PLANNED, IN_PRODUCTION, IN_QC, RELEASED or REJECTED")
            @QueryParam("status") String status,
            @QueryParam("factoryCode") String factoryCode,
            @QueryParam("styleCode") String styleCode,
            @Parameter(description = "a supplier lot number that went into the batch")
            @QueryParam("supplierLot") String supplierLot,
            @Parameter(description = "0-based page number") @QueryParam("page") String page,
            @Parameter(description = "page size, 1 to 200 (default 20)") @QueryParam("size") String size) {
        BatchRepository.Criteria criteria = new BatchRepository.Criteria(
                QueryParams.optionalEnum("status", status, BatchStatus.class),
                QueryParams.optionalText(factoryCode), QueryParams.optionalText(styleCode),
                QueryParams.optionalText(supplierLot));
        int pageNumber = QueryParams.intInRange("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParams.intInRange("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        BatchRepository.Result result = batches.search(criteria, pageNumber, pageSize);
        return new BatchPage(result.items().stream().map(BatchView::of).toList(), pageNumber, pageSize,
                result.total(), (result.total() + pageSize - 1) / pageSize);
    }

    /** {@code no-cache} or {@code max-age=0}: the client wants the batch as the database has it. */
    private static boolean wantsFresh(String cacheControl) {
        return cacheControl != null && (cacheControl.contains("no-cache") || cacheControl.contains("max-age=0"));
    }

    private static UUID batchId(String id) {
        return PathIds.uuid(id).orElseThrow(() -> Problems.notFound("batch", id));
    }
}
