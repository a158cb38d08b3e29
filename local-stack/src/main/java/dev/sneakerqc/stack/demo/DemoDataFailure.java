package dev.sneakerqc.stack.demo;

/** Loading the demo data stopped; the message says at which request and what the service answered. */
public final class DemoDataFailure extends RuntimeException {

    DemoDataFailure(String message) {
        super(message);
    }

    DemoDataFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
