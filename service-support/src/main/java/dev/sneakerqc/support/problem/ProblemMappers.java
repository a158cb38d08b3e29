package dev.sneakerqc.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers every error as an RFC 7807 problem document. Client mistakes (validation, malformed or mistyped
 * JSON, unknown paths, wrong methods or media types, oversize bodies, conflicts) are 4xx naming the field at
 * fault; only genuine server faults are 500, and those never echo internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(StreamReadException e, UriInfo uri) {
        return respond(malformedJson(e), uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return respond(fromJsonMapping(e), uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return respond(fromJsonMapping(e), uri);
    }

    @ServerExceptionMapper
    public Response concurrentUpdate(OptimisticLockException e, UriInfo uri) {
        return respond(Problems.conflict("the resource was changed by another request at the same time; retry",
                Map.of()), uri);
    }

    @ServerExceptionMapper
    public Response lockTimeout(PessimisticLockException e, UriInfo uri) {
        return respond(Problems.conflict("the resource is being changed by another request; retry", Map.of()), uri);
    }

    @ServerExceptionMapper
    public Response uniqueness(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
            return respond(Problems.conflict("the request conflicts with existing data (" + e.getConstraintName()
                    + ")", Map.of()), uri);
        }
        return internal(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(json instanceof JsonMappingException mapping ? fromJsonMapping(mapping) : malformedJson(json),
                    uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "cannot produce the media type asked for in Accept";
            case 413 -> "request body is too large";
            case 415 -> "unsupported Content-Type; send application/json";
            default -> e.getMessage();
        };
        ProblemType type = status == 404 ? ProblemType.NOT_FOUND
                : status == 413 ? ProblemType.PAYLOAD_TOO_LARGE : ProblemType.HTTP;
        Response.ResponseBuilder response = Response.fromResponse(
                new ProblemException(type, status, detail, List.of(), Map.of()).toResponse(uri.getPath()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if ("Allow".equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private static Response internal(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s on %s", reference, uri.getPath());
        return respond(new ProblemException(ProblemType.INTERNAL_ERROR,
                "an internal error occurred; reference " + reference, List.of(), Map.of("reference", reference)), uri);
    }

    private static Response respond(ProblemException problem, UriInfo uri) {
        return problem.toResponse(uri.getPath());
    }

    private static ProblemException malformedJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new ProblemException(ProblemType.MALFORMED_JSON, "request body is not valid JSON" + where + ": "
                + e.getOriginalMessage(), List.of(new FieldError("body", "not valid JSON" + where)), Map.of());
    }

    private static ProblemException fromJsonMapping(JsonMappingException e) {
        String field = jsonPath(e);
        String message;
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            message = "must be one of: " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            message = instantiation.getCause().getMessage();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "must be " + describe(mismatch.getTargetType());
        } else {
            message = "has the wrong type or value";
        }
        return Problems.invalid(field, message);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
