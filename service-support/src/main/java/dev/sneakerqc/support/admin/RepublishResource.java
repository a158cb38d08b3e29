package dev.sneakerqc.support.admin;

import dev.sneakerqc.support.outbox.OutboxRepublisher;
import dev.sneakerqc.support.outbox.RepublishRuns;
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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/api/admin/events/republish")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Event history", description = "Send the service's stored events again")
public class RepublishResource {

    /**
     * What to send again: {@code fromSequence} (per-aggregate sequence, 1 = everything) or {@code fromTime}
     * (ISO-8601), and optionally one {@code batchId}.
     */
    public record RepublishRequest(Long fromSequence, String fromTime, String batchId) {
    }

    /** A republish and its progress. */
    public record RepublishView(UUID id, Long fromSequence, Instant fromTime, String batchId, String status,
                                RunProgress progress, Instant startedAt, Instant updatedAt, Instant finishedAt,
                                String error) {

        static RepublishView of(RepublishRuns.Run run) {
            return new RepublishView(run.id(), run.fromSequence(), run.fromTime(), run.aggregateId(), run.status(),
                    RunProgress.of(run.eventsSent(), run.eventsTotal(), run.startedAt(), run.updatedAt(),
                            run.finishedAt()), run.startedAt(), run.updatedAt(), run.finishedAt(), run.error());
        }
    }

    private final OutboxRepublisher republisher;
    private final RepublishRuns runs;

    public RepublishResource(OutboxRepublisher republisher, RepublishRuns runs) {
        this.republisher = republisher;
        this.runs = runs;
    }

    @POST
    @Operation(summary = "Send stored events again", description = "Re-sends events from the outbox with their "
            + "original ids and keys, in order per aggregate. Consumers deduplicate, so their state does not change; "
            + "one that lost data catches up. 202 with the run's id; watch it at GET …/republish/{id}.")
    public Response start(RepublishRequest body) {
        if (body == null) {
            throw Problems.invalid("body", "give fromSequence or fromTime");
        }
        Instant fromTime = null;
        if (body.fromTime() != null) {
            try {
                fromTime = Instant.parse(body.fromTime());
            } catch (DateTimeParseException e) {
                throw Problems.invalid("fromTime", "must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
            }
        }
        String batchId = null;
        if (body.batchId() != null) {
            batchId = PathIds.uuid(body.batchId()).orElseThrow(() -> Problems.invalid("batchId", "must be a UUID"))
                    .toString();
        }
        UUID id = republisher.start(new OutboxRepublisher.Request(body.fromSequence(), fromTime, batchId));
        return Response.accepted(RepublishView.of(runs.find(id).orElseThrow()))
                .location(UriBuilder.fromResource(RepublishResource.class).path("{id}").build(id)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A republish's progress: status, events sent and to go, rate, percent, time left")
    public RepublishView progress(@PathParam("id") String id) {
        UUID runId = PathIds.uuid(id).orElseThrow(() -> Problems.notFound("republish", id));
        return RepublishView.of(runs.find(runId).orElseThrow(() -> Problems.notFound("republish", id)));
    }
}
