package dev.sneakerqc.support.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a 413 problem
 * document, just before Quarkus's own limit check would answer it with an empty 413. (Bodies sent without a
 * length are cut off by Quarkus at the same limit.)
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
        router.route().order(ROUTE_ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, maxBytes)) {
                ProblemDetail problem = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, 413,
                        "request body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes",
                        List.of(new FieldError("body", "at most " + maxBytes + " bytes")),
                        Map.of("maxBytes", maxBytes)).toDetail(context.request().path());
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.json.Json.encode(problem));
                return;
            }
            context.next();
        });
    }

    private static boolean exceeds(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
