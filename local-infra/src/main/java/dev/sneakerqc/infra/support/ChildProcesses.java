package dev.sneakerqc.infra.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Helpers for ending a launched server process together with whatever it started. */
public final class ChildProcesses {

    private ChildProcesses() {
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
