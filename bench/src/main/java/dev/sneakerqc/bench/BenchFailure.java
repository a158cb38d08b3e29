package dev.sneakerqc.bench;

/** A measurement that could not be made, with the reason; the report marks its figure FAILED. */
public class BenchFailure extends RuntimeException {

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
