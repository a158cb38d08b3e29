package dev.sneakerqc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs wrk with the suite's Lua script ({@code bench.lua}) and reads the JSON line its {@code done()} prints. */
public final class Wrk {

    /**
     * What wrk measured.
     *
     * @param requests          completed requests
     * @param seconds           the run's duration
     * @param requestsPerSecond requests / seconds
     * @param p50Millis         latency percentiles as wrk records them (from sending a request to its response)
     * @param p99Millis         .
     * @param maxMillis         .
     * @param non2xx            responses that were not 2xx or 3xx
     * @param socketErrors      connect, read, write errors and timeouts
     * @param exhausted         the batches ran out of stages before the end of the run (its rate then says
     *                          nothing: wrk idled from then on)
     * @param firstError        the status and body of the first response other than 2xx (stages mode only)
     */
    public record Result(long requests, double seconds, double requestsPerSecond, double p50Millis, double p99Millis,
                         double maxMillis, long non2xx, long socketErrors, boolean exhausted, String firstError) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;

    public Wrk(Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            script = workDirectory.resolve("bench.lua");
            try (InputStream in = Wrk.class.getResourceAsStream("bench.lua")) {
                Files.write(script, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks that wrk is installed; the message says how to get it. */
    public static void requireInstalled() {
        Tools.require("wrk", "--version", "wrk (apt-get install wrk)");
    }

    /**
     * Runs {@code wrk -t threads -c connections -d duration} against {@code baseUrl} in {@code mode}
     * ({@code stages} or {@code reads}) over the batch ids in {@code idsFile}.
     */
    public Result run(String baseUrl, String mode, Path idsFile, int threads, int connections, Duration duration) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(), baseUrl));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_MODE", mode);
        builder.environment().put("BENCH_IDS", idsFile.toAbsolutePath().toString());
        builder.environment().put("BENCH_THREADS", Integer.toString(threads));
        String output;
        try {
            Process process = builder.start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new BenchFailure("wrk failed: " + output.lines().findFirst().orElse("") + "\n"
                        + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while running wrk");
        }
        Result result = parse(output);
        if (result.non2xx() > 0) {
            throw new BenchFailure("wrk got " + result.non2xx() + " responses other than 2xx/3xx of "
                    + result.requests() + " (" + mode + " at " + baseUrl + ", -c" + connections + ")"
                    + (result.firstError().isEmpty() ? "" : "; the first: " + result.firstError()) + "\n" + output);
        }
        return result;
    }

    /** Reads the {@code BENCH-JSON} line of wrk's output. */
    static Result parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH-JSON ")) {
                try {
                    JsonNode json = JSON.readTree(line.substring("BENCH-JSON ".length()));
                    long requests = json.get("requests").asLong();
                    double seconds = json.get("durationMicros").asLong() / 1e6;
                    JsonNode errors = json.get("errors");
                    JsonNode latency = json.get("latencyMicros");
                    return new Result(requests, seconds, requests / seconds, latency.get("p50").asLong() / 1000.0,
                            latency.get("p99").asLong() / 1000.0, latency.get("max").asLong() / 1000.0,
                            errors.get("status").asLong(), errors.get("connect").asLong() + errors.get("read").asLong()
                            + errors.get("write").asLong() + errors.get("timeout").asLong(),
                            json.get("exhausted").asBoolean(), json.path("firstError").asText(""));
                } catch (IOException e) {
                    throw new BenchFailure("unreadable wrk summary: " + line);
                }
            }
        }
        throw new BenchFailure("wrk printed no summary:\n" + output);
    }
}
