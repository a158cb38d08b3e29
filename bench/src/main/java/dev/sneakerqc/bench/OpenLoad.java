package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * An open-loop load generator: sends requests at fixed times (request i at start + i / rate), whether or not the
 * earlier ones were answered, so a slow system does not slow the load down. Each latency is measured from the
 * request's scheduled time, not from when it happened to be sent (no coordinated omission). The requests go
 * out through {@link OpenLoopHttp}, on one thread.
 */
public final class OpenLoad {

    private static final String[] STAGES = {"MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED"};

    /**
     * @param sent          requests sent
     * @param achievedRate  requests sent per second
     * @param p50Millis     HTTP latency from the scheduled time
     * @param p99Millis     .
     * @param failures      requests answered other than 2xx, or not at all
     * @param firstFailure  what the first failure was
     */
    public record Result(long sent, double achievedRate, double p50Millis, double p99Millis, long failures,
                         String firstFailure) {
    }

    private OpenLoad() {
    }

    /**
     * {@code changes} stage changes at {@code rate} per second over {@code batches}: change i completes stage
     * (i div N) of batch (i mod N), so a batch gets its next stage N / rate seconds after the previous one.
     */
    public static Result stageChanges(String catalogUrl, List<String> batches, int changes, int rate) {
        URI catalog = URI.create(catalogUrl);
        OpenLoopHttp http = new OpenLoopHttp(catalog, Duration.ofSeconds(30), Duration.ofMinutes(2));
        String path = catalog.getRawPath().replaceAll("/$", "");
        int n = batches.size();
        OpenLoopHttp.Outcome outcome = http.run(changes, rate, i -> {
            byte[] body = ("{\"stage\":\"" + STAGES[Math.min(i / n, STAGES.length - 1)] + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] head = http.head("POST", path + "/api/batches/" + batches.get(i % n) + "/stages",
                    "application/json", body.length).getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            return request;
        });
        Histogram latencies = outcome.latencies();
        return new Result(changes, changes / (outcome.sendingNanos() / 1e9), latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6, outcome.failures(), outcome.firstFailure());
    }
}
