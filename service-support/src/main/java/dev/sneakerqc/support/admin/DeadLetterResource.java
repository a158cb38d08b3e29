package dev.sneakerqc.support.admin;

import dev.sneakerqc.support.rest.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Records the consumers could not apply")
public class DeadLetterResource {

    /** A dead letter; {@code value} is the record value as text (truncated to 2,000 characters). */
    public record DeadLetterView(long id, String topic, int partition, long offset, String key, String reason,
                                 String consumerGroup, Instant deadLetteredAt, Instant redrivenAt,
                                 Map<String, String> headers, String value) {

        static DeadLetterView of(DeadLetter deadLetter) {
            String value = deadLetter.payload() == null ? null
                    : new String(deadLetter.payload(), StandardCharsets.UTF_8);
            if (value != null && value.length() > 2_000) {
                value = value.substring(0, 2_000) + "…";
            }
            return new DeadLetterView(deadLetter.id(), deadLetter.topic(), deadLetter.partition(), deadLetter.offset(),
                    deadLetter.key(), deadLetter.reason(), deadLetter.consumerGroup(), deadLetter.deadLetteredAt(),
                    deadLetter.redrivenAt(), deadLetter.headers(), value);
        }
    }

    /** A page of dead letters. */
    public record DeadLetterPage(List<DeadLetterView> items, int page, int size, long totalItems) {
    }

    private final DeadLetterAdmin admin;

    public DeadLetterResource(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    @GET
    @Operation(summary = "List dead letters, newest first", description = "redriven=true or false filters.")
    public DeadLetterPage list(@QueryParam("redriven") String redriven, @QueryParam("page") String page,
                               @QueryParam("size") String size) {
        Boolean filter = redriven == null || redriven.isBlank() ? null : switch (redriven.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw dev.sneakerqc.support.problem.Problems.invalid("redriven", "must be true or false");
        };
        int pageNumber = QueryParams.intInRange("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParams.intInRange("size", size, 50, 1, 500);
        DeadLetterAdmin.Found found = admin.list(filter, pageNumber, pageSize);
        return new DeadLetterPage(found.items().stream().map(DeadLetterView::of).toList(), pageNumber, pageSize,
                found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A dead letter")
    public DeadLetterView get(@PathParam("id") String id) {
        return DeadLetterView.of(admin.get(parseId(id)));
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(summary = "Send a dead letter back to its topic", description = "For when its cause is fixed: the "
            + "record goes back to its original topic unchanged and the consumer applies it. Redriving a dead "
            + "letter again changes nothing. 202.")
    public Response redrive(@PathParam("id") String id) {
        return Response.accepted(DeadLetterView.of(admin.redrive(parseId(id)))).build();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw dev.sneakerqc.support.problem.Problems.notFound("dead letter", id);
        }
    }
}
