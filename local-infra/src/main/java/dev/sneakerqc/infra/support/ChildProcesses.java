package dev.sneakerqc.infra.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for ending a launched server process together with whatever it started. */
public final class ChildProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ChildProcesses() {
    }

    /**
     * {@code command} run in a session of its own ({@code setsid}, where there is one), so that a Ctrl-C in the
     * terminal reaches only the JVM that launched it, which then stops its children in order. The process keeps
     * its PID ({@code setsid} execs when its caller is not a process-group leader, as a child of a JVM never is).
     * Without {@code setsid} (macOS) the command is returned unchanged.
     */
    public static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Waits for {@code process} to end; {@code true} if it did within {@code timeout}. */
    public static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills {@code process} and all its descendants with SIGKILL and waits briefly for them to go. */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
    }

    /** Sleeps, keeping the interrupt flag; returns {@code false} if interrupted. */
    public static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
