package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.qc.service.CorrectiveActions;
import dev.sneakerqc.qc.service.StreamQueries;
import dev.sneakerqc.qc.service.StreamSwitching;
import dev.sneakerqc.qc.stream.StreamLot;
import dev.sneakerqc.qc.stream.SwitchingState;
import dev.sneakerqc.support.rest.BodyConstraints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/streams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Streams", description = "Z1.4 switching per stream of lots (factory and model line) and defect class")
public class StreamResource {

    /** A corrective action. */
    public record CorrectiveActionRequest(@NotBlank @Size(max = 2000) String description,
                                          @NotBlank @Size(max = 80) String by) {
    }

    /**
     * A class's switching state.
     *
     * @param severity               current severity
     * @param discontinued           whether acceptance has stopped
     * @param consecutiveAccepted    lots accepted in a row at this severity
     * @param notAcceptedOnTightened lots not accepted since tightened inspection began
     * @param recentOnNormal         outcomes of the last lots on normal inspection (A accepted, N not), oldest first
     */
    public record ClassState(InspectionSeverity severity, boolean discontinued, int consecutiveAccepted,
                             int notAcceptedOnTightened, String recentOnNormal) {

        static final ClassState NEVER_JUDGED = new ClassState(InspectionSeverity.NORMAL, false, 0, 0, "");

        static ClassState of(SwitchingState state) {
            var rules = state.state();
            return new ClassState(rules.severity(), rules.discontinued(), rules.consecutiveAccepted(),
                    rules.notAcceptedOnTightened(), rules.recentOnNormal());
        }
    }

    /** A lot judged in the stream. */
    public record LotView(UUID batchId, String batchNumber, DefectClass defectClass, InspectionSeverity severity,
                          boolean accepted, int nonconforming, Instant decidedAt) {

        static LotView of(StreamLot lot) {
            return new LotView(lot.batchId(), lot.batchNumber(), lot.defectClass(), lot.severity(), lot.accepted(),
                    lot.nonconforming(), lot.decidedAt());
        }
    }

    /** A stream. */
    public record StreamView(String factoryCode, String line, boolean discontinued,
                             Map<DefectClass, ClassState> classes, List<LotView> recentLots) {

        static StreamView of(StreamQueries.StreamRead read) {
            Map<DefectClass, ClassState> classes = new EnumMap<>(DefectClass.class);
            StreamSwitching.SWITCHED_CLASSES.forEach(defectClass -> classes.put(defectClass, ClassState.NEVER_JUDGED));
            read.states().forEach(state -> classes.put(state.defectClass(), ClassState.of(state)));
            return new StreamView(read.stream().factoryCode(), read.stream().line(),
                    classes.values().stream().anyMatch(ClassState::discontinued), classes,
                    read.recent().stream().map(LotView::of).toList());
        }
    }

    /** The outcome of a corrective action. */
    public record CorrectiveActionView(long id, String factoryCode, String line, String description, String by,
                                       Instant recordedAt, List<DefectClass> resumedClasses, int releasedHolds,
                                       StreamView stream) {
    }

    private final StreamQueries queries;
    private final CorrectiveActions correctiveActions;

    public StreamResource(StreamQueries queries, CorrectiveActions correctiveActions) {
        this.queries = queries;
        this.correctiveActions = correctiveActions;
    }

    @GET
    @Operation(summary = "Every stream with its severity per class and its recent lots")
    public List<StreamView> list() {
        return queries.all().stream().map(StreamView::of).toList();
    }

    @GET
    @Path("/{factoryCode}/{line}")
    @Operation(summary = "A stream with its severity per class and its recent lots")
    public StreamView get(@PathParam("factoryCode") String factoryCode, @PathParam("line") String line) {
        return StreamView.of(queries.get(factoryCode, line));
    }

    @POST
    @Path("/{factoryCode}/{line}/corrective-actions")
    @Operation(summary = "Record a corrective action on a discontinued stream", description = "Its discontinued "
            + "classes resume at tightened inspection and its held inspections open. 409 when the stream is not "
            + "discontinued.")
    public Response recordCorrectiveAction(@PathParam("factoryCode") String factoryCode,
                                           @PathParam("line") String line,
                                           @NotNull @Valid CorrectiveActionRequest body) {
        BodyConstraints.check(body);
        CorrectiveActions.Resumed resumed = correctiveActions.record(factoryCode, line, body.description().strip(),
                body.by().strip());
        var action = resumed.action();
        return Response.status(Response.Status.CREATED).entity(new CorrectiveActionView(action.id(), factoryCode, line,
                action.description(), action.recordedBy(), action.recordedAt(), resumed.resumedClasses(),
                resumed.releasedHolds(), StreamView.of(queries.get(factoryCode, line)))).build();
    }
}
