package dev.sneakerqc.support.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
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
 * Answers a request whose body exceeds {@code quarkus.http.limits.max-body-size} with a 413 problem document
 * instead of Quarkus's empty 413: a declared length is checked up front; a body sent in chunks without a length
 * is read here, up to the limit, and handed on to the REST layer already read.
 */
@ApplicationScoped
public class PayloadTooLargeGuard {

    /** Runs right before Quarkus's upload-limit route (order -2). */
    private static final int ROUTE_ORDER = -3;

    private final Optional<MemorySize> limit;

    public PayloadTooLargeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long maxBytes = limit.get().asLongValue();
        BodyHandler chunkedBodyReader = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(ROUTE_ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                if (exceeds(declared, maxBytes)) {
                    tooLarge(context, maxBytes, "request body of " + declared + " bytes exceeds the limit of "
                            + maxBytes + " bytes");
                } else {
                    context.next();
                }
            } else if (context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                chunkedBodyReader.handle(context);
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

    private static boolean exceeds(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
