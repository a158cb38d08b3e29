package dev.sneakerqc.support.problem;

/** The kinds of problem the services report, each with its {@code type} URI and title. */
public enum ProblemType {
    VALIDATION_FAILED(400, "Request is not valid"),
    MALFORMED_JSON(400, "Request body is not valid JSON"),
    NOT_FOUND(404, "Resource not found"),
    CONFLICT(409, "Request conflicts with the current state"),
    PAYLOAD_TOO_LARGE(413, "Request body is too large"),
    UNKNOWN_REFERENCE(422, "Request refers to something that does not exist"),
    UNPROCESSABLE(422, "Request cannot be processed"),
    HTTP(0, null),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The problem type URI, e.g. {@code urn:sneakerqc:problem:validation-failed}. */
    public String uri() {
        return this == HTTP ? "about:blank" : "urn:sneakerqc:problem:" + name().toLowerCase().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
