package dev.sneakerqc.infra.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChildProcessesTest {

    @Test
    void aServerUnderALifelineGetsItsStopSignalWhenThePipeCloses() throws Exception {
        Process watchdog = new ProcessBuilder(ChildProcesses.underLifeline("TERM", "lifeline-test",
                List.of("sleep", "60"))).start();
        ProcessHandle server = awaitChild(watchdog);
        assertTrue(server.isAlive());

        watchdog.getOutputStream().close();

        assertTrue(ChildProcesses.awaitExit(watchdog, Duration.ofSeconds(10)), "the watchdog ends with its server");
        assertEquals(128 + 15, watchdog.exitValue(), "the server's status: ended by SIGTERM");
        assertFalse(server.isAlive());
    }

    @Test
    void theWatchdogEndsWithTheServersStatus() throws Exception {
        Process watchdog = new ProcessBuilder(ChildProcesses.underLifeline("TERM", "lifeline-test",
                List.of("sh", "-c", "exit 3"))).start();
        assertTrue(ChildProcesses.awaitExit(watchdog, Duration.ofSeconds(10)));
        assertEquals(3, watchdog.exitValue());
    }

    private static ProcessHandle awaitChild(Process watchdog) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var sleeper = watchdog.children()
                    .filter(child -> child.info().command().orElse("").endsWith("sleep")).findFirst();
            if (sleeper.isPresent()) {
                return sleeper.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start under the watchdog");
    }
}
