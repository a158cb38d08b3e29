package dev.sneakerqc.stack;

/** Something the user must fix or know about; its message is printed as is, without a stack trace. */
final class StackFailure extends RuntimeException {

    StackFailure(String message) {
        super(message);
    }

    StackFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
