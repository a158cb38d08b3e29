package dev.sneakerqc.qc.rest;

import dev.sneakerqc.qc.replay.QcReplay;
import dev.sneakerqc.qc.replay.ReplayRuns;
import dev.sneakerqc.qc.replay.StateDigest;
import dev.sneakerqc.support.admin.RunProgress;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.rest.PathIds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Replay", description = "Rebuild the QC state from the event topics")
public class AdminReplayResource {

    /** What to replay: {@code {"from": "earliest"}} for everything, or {@code {"batchId": "…"}} for one batch. */
    public record ReplayRequest(String from, String batchId) {
    }

    /** A replay and its progress. */
    public record ReplayView(UUID id, String scope, UUID batchId, String status, String phase, RunProgress progress,
                             Instant startedAt, Instant updatedAt, Instant finishedAt, String error) {

        static ReplayView of(ReplayRuns.Run run) {
            return new ReplayView(run.id(), run.scope(), run.batchId(), run.status(), run.phase(),
                    RunProgress.of(run.eventsApplied(), run.eventsTotal(), run.startedAt(), run.updatedAt(),
                            run.finishedAt()), run.startedAt(), run.updatedAt(), run.finishedAt(), run.error());
        }
    }

    private final QcReplay replay;
    private final ReplayRuns runs;
    private final StateDigest digest;

    public AdminReplayResource(QcReplay replay, ReplayRuns runs, StateDigest digest) {
        this.replay = replay;
        this.runs = runs;
        this.digest = digest;
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Rebuild the QC state from production-events and qc-events", description = "202 with the "
            + "replay's id; watch it at /api/admin/replay/{id}. Reads keep serving the old state until the rebuilt "
            + "one is switched in; changes are refused (503) meanwhile. {\"batchId\": …} replays one batch only.")
    public Response start(ReplayRequest body) {
        UUID batchId = null;
        if (body != null && body.batchId() != null) {
            batchId = PathIds.uuid(body.batchId()).orElseThrow(() -> Problems.invalid("batchId", "must be a UUID"));
        }
        if (body != null && body.from() != null && !"earliest".equals(body.from())) {
            throw Problems.invalid("from", "must be \"earliest\": the state is always rebuilt from the beginning");
        }
        UUID id = replay.start(batchId);
        return Response.accepted(ReplayView.of(runs.find(id).orElseThrow()))
                .location(UriBuilder.fromResource(AdminReplayResource.class).path("replay/{id}").build(id)).build();
    }

    @GET
    @Path("/replay/{id}")
    @Operation(summary = "A replay's progress: status, events applied and to go, rate, percent, time left")
    public ReplayView progress(@PathParam("id") String id) {
        UUID replayId = PathIds.uuid(id).orElseThrow(() -> Problems.notFound("replay", id));
        return ReplayView.of(runs.find(replayId).orElseThrow(() -> Problems.notFound("replay", id)));
    }

    @GET
    @Path("/state-digest")
    @Operation(summary = "A digest of the QC read models", description = "Equal digests mean equal QC state; a "
            + "rebuild from the topics gives the digest of the state the live service built.")
    public StateDigest.Digest stateDigest() throws SQLException {
        return digest.compute();
    }
}
