package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.StageOutOfOrderException;
import dev.sneakerqc.support.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers a stage out of order with 409, naming the current, requested and expected stage. */
public class StageConflictMapper {

    @ServerExceptionMapper
    public Response stageOutOfOrder(StageOutOfOrderException e, UriInfo uri) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("batchNumber", e.batchNumber());
        state.put("batchStatus", e.status());
        state.put("currentStage", e.currentStage());
        state.put("requestedStage", e.requestedStage());
        state.put("expectedStage", e.expectedStage());
        return Problems.conflict(e.getMessage(), state).toResponse(uri.getPath());
    }
}
