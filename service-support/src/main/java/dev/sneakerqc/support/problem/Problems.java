package dev.sneakerqc.support.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Factory of the client errors the services raise. */
public final class Problems {

    private Problems() {
    }

    /** 404: nothing is found at a path, e.g. {@code notFound("batch", id)}. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, "no " + what + " '" + id + "'", List.of(), Map.of());
    }

    /** 400: one field is invalid. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }

    /** 400: several fields are invalid. */
    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors, Map.of());
    }

    /** 422: several fields of the body name things that do not exist. */
    public static ProblemException unknownReferences(List<FieldError> errors) {
        String detail = errors.stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse("");
        return new ProblemException(ProblemType.UNKNOWN_REFERENCE, detail, errors, Map.of());
    }

    /** 422: several fields of a well-formed body cannot be applied. */
    public static ProblemException unprocessable(List<FieldError> errors) {
        String detail = errors.stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse("");
        return new ProblemException(ProblemType.UNPROCESSABLE, detail, errors, Map.of());
    }

    /** 422: the body is well-formed and valid alone, but cannot be applied. */
    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, message, List.of(new FieldError(field, message)),
                Map.of());
    }

    /** 409: the request conflicts with the current state; extensions say which state. */
    public static ProblemException conflict(String detail, Map<String, Object> extensions) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of(), extensions);
    }

    /** The standard reason phrase of a status code. */
    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
