package dev.sneakerqc.support.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client error, thrown anywhere below the REST layer and answered as a problem document. Construct one
 * through {@link Problems}.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final int status;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        this(type, type.status(), detail, errors, extensions);
    }

    public ProblemException(ProblemType type, int status, String detail, List<FieldError> errors,
                            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The HTTP response answering this exception for the given request path. */
    public jakarta.ws.rs.core.Response toResponse(String instance) {
        return jakarta.ws.rs.core.Response.status(status)
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(toDetail(instance))
                .build();
    }

    /** The problem document answering this exception for the given request path. */
    public ProblemDetail toDetail(String instance) {
        String title = type.title() != null ? type.title() : Problems.reasonPhrase(status);
        return new ProblemDetail(type.uri(), title, status, getMessage(), instance, errors, extensions);
    }
}
