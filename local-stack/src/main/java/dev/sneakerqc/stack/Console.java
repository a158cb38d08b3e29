package dev.sneakerqc.stack;

import java.io.PrintStream;
import java.time.Duration;

/** What the stack tells its user: one line per step, with how long it took. */
public final class Console {

    private static final int LABEL_WIDTH = 18;

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** {@code  PostgreSQL ........ ready on 127.0.0.1:5432 (1.2 s)}. */
    synchronized void step(String label, String outcome, Duration took) {
        StringBuilder line = new StringBuilder("  ").append(label).append(' ');
        while (line.length() < LABEL_WIDTH + 3) {
            line.append('.');
        }
        line.append(' ').append(outcome);
        if (took != null) {
            line.append(String.format(" (%.1f s)", took.toMillis() / 1000.0));
        }
        line(line.toString());
    }

    /** {@code  Catalog API        http://localhost:8081/api/...}. */
    void entry(String label, String value) {
        StringBuilder line = new StringBuilder("  ").append(label);
        while (line.length() < LABEL_WIDTH + 3) {
            line.append(' ');
        }
        line(line.append(value).toString());
    }
}
