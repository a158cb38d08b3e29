package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends requests at fixed times (request i at start + i / rate), whether or not the
 * earlier ones were answered, so a slow system does not slow the load down. Each latency is measured from the
 * request's scheduled time, not from when it happened to be sent (no coordinated omission).
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
        Histogram latencies = new Histogram(Duration.ofMinutes(2).toNanos(), 3);
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        CompletableFuture<?>[] answers = new CompletableFuture<?>[changes];
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        int n = batches.size();
        for (int i = 0; i < changes; i++) {
            long scheduled = start + i * intervalNanos;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String stage = STAGES[Math.min(i / n, STAGES.length - 1)];
            HttpRequest request = HttpRequest.newBuilder(URI.create(catalogUrl + "/api/batches/" + batches.get(i % n)
                            + "/stages")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"" + stage + "\"}")).build();
            answers[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long took = System.nanoTime() - scheduled;
                synchronized (latencies) {
                    latencies.recordValue(Math.min(took, latencies.getHighestTrackableValue()));
                }
                if (error != null || response.statusCode() / 100 != 2) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error != null ? error.toString()
                            : response.statusCode() + " " + response.body());
                }
            });
        }
        long sendingNanos = System.nanoTime() - start;
        try {
            CompletableFuture.allOf(answers).exceptionally(e -> null).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new BenchFailure("stage changes not answered within 2 minutes: " + e, e);
        } finally {
            executor.shutdownNow();
        }
        return new Result(changes, changes / (sendingNanos / 1e9), latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6, failures.get(), firstFailure.get());
    }
}
