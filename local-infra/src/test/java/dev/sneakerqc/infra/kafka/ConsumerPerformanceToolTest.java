package dev.sneakerqc.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tool's child process is run to its end; reading a real topic is in {@link KafkaBrokerTest}. */
class ConsumerPerformanceToolTest {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    @Test
    void returnsTheOutputOfARunThatEnds(@TempDir Path work) throws Exception {
        String output = ConsumerPerformanceTool.runToEnd(List.of("sh", "-c", "echo read; echo errors >&2"), work,
                Duration.ofSeconds(30));

        assertTrue(output.contains("read"), output);
        assertTrue(output.contains("errors"), "its errors are part of the output: " + output);
    }

    @Test
    void aRunThatFailsThrowsWithItsStatusAndOutput(@TempDir Path work) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ConsumerPerformanceTool.runToEnd(List.of("sh", "-c", "echo no broker; exit 3"), work,
                        Duration.ofSeconds(30)));

        assertTrue(failure.getMessage().contains("exit status 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no broker"), failure.getMessage());
    }

    @Test
    void aRunThatOutlivesItsTimeoutIsKilledBeforeItThrows(@TempDir Path work) {
        // Prints its pid, then becomes a sleep that would outlive the test by far.
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ConsumerPerformanceTool.runToEnd(List.of("sh", "-c", "echo pid $$; exec sleep 600"), work,
                        Duration.ofSeconds(2)));

        assertTrue(failure.getMessage().contains("did not end within PT2S"), failure.getMessage());
        Matcher pid = PID.matcher(failure.getMessage());
        assertTrue(pid.find(), "its output so far is in the message: " + failure.getMessage());
        assertFalse(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false),
                "the hung run is gone");
    }
}
