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

    /**
     * Runs the server ("$@") in the background, then: stdin reaching EOF, or SIGTERM/SIGINT/SIGHUP, sends it the
     * stop signal ($1); the server ending ends the watchdog with the server's exit status. Background jobs of a
     * non-interactive sh get /dev/null as stdin, so the pipe is read through fd 3. The first {@code wait} also
     * collects the status of a server that ended at once; the loop covers a {@code wait} cut short by a signal.
     */
    private static final String WATCHDOG = String.join("\n",
            "stop_signal=$1",
            "shift",
            "exec 3<&0 </dev/null",
            "\"$@\" 3<&- &",
            "server=$!",
            "trap 'kill -\"$stop_signal\" \"$server\" 2>/dev/null' INT TERM HUP",
            "{ while read -r _ <&3; do :; done; kill -\"$stop_signal\" \"$server\" 2>/dev/null; } &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$server\"",
            "status=$?",
            "while kill -0 \"$server\" 2>/dev/null; do wait \"$server\"; status=$?; done",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

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

    /**
     * The command that runs {@code server} under a small {@code sh} watchdog tied to this JVM by a lifeline: the
     * watchdog's standard input, a pipe from this JVM. When the pipe closes, because the owner closed
     * {@link Process#getOutputStream()} or because this JVM died, even by {@code kill -9}, the watchdog sends the
     * server {@code stopSignal}, so no server outlives its JVM. The server is the watchdog's child; the watchdog
     * exits with the server's status once it ends.
     *
     * @param stopSignal the signal name that stops the server gracefully, e.g. {@code INT} for PostgreSQL's fast
     *                   shutdown or {@code TERM} for a JVM (a background job of {@code sh} ignores SIGINT, and a
     *                   JVM started so does not install its SIGINT handler)
     * @param name       the watchdog's {@code $0}, shown by {@code ps}
     */
    public static List<String> underLifeline(String stopSignal, String name, List<String> server) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, name, stopSignal));
        command.addAll(server);
        return command;
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
