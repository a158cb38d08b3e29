package dev.sneakerqc.support.rest;

import dev.sneakerqc.support.problem.FieldError;
import dev.sneakerqc.support.problem.ProblemDetail;
import dev.sneakerqc.support.problem.ProblemException;
import dev.sneakerqc.support.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every request body on the I/O thread, up to {@code quarkus.http.limits.max-body-size}, before the REST
 * layer sees the request, and answers a larger body with a 413 problem document instead of Quarkus's empty 413.
 *
 * <p>Why read here: the REST layer reads the body of a blocking endpoint (every endpoint that runs in a
 * transaction) on the worker thread, through a stream that parks the worker until the I/O thread has the whole
 * body and wakes it: two threads handing one small JSON document to each other, measured at about a tenth of the
 * catalog's CPU on stage changes. A body read here is handed to the REST layer already read, and the worker
 * starts with it in memory. A declared length above the limit is refused before anything is read; a body sent
 * in chunks without a length is read up to the limit. HTTP/2 requests with a length are left to the REST layer,
 * which cannot take an HTTP/2 request whose body was read before it.
 */
@ApplicationScoped
public class RequestBodyReader {

    /** Runs right before Quarkus's upload-limit route (order -2). */
    private static final int ROUTE_ORDER = -3;

    private final Optional<MemorySize> limit;

    public RequestBodyReader(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long maxBytes = limit.get().asLongValue();
        BodyHandler bodyReader = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(ROUTE_ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                long length = length(declared);
                if (length > maxBytes) {
                    tooLarge(context, maxBytes, "request body of " + declared.trim() + " bytes exceeds the limit of "
                            + maxBytes + " bytes");
                } else if (length > 0 && context.request().version() != HttpVersion.HTTP_2) {
                    bodyReader.handle(context);
                } else {
                    context.next();
                }
            } else if (context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                bodyReader.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413) {
                tooLarge(context, maxBytes, "request body exceeds the limit of " + maxBytes + " bytes");
            } else {
                context.next();
            }
        });
    }

    private static void tooLarge(RoutingContext context, long maxBytes, String detail) {
        ProblemDetail problem = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, 413, detail,
                List.of(new FieldError("body", "at most " + maxBytes + " bytes")), Map.of("maxBytes", maxBytes))
                .toDetail(context.request().path());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }

    /** The declared length; -1 when it is not a number (the HTTP layer refuses such a request itself). */
    private static long length(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
