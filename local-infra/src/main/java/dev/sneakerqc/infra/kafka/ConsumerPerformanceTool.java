package dev.sneakerqc.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.sneakerqc.infra.support.ChildProcesses;
import dev.sneakerqc.infra.support.Directories;

/**
 * Kafka's own {@code ConsumerPerformance} tool, run as a child JVM on the broker's classpath: the raw rate at which
 * a plain consumer reads a topic on this machine, the ceiling a consuming service is measured against.
 */
public final class ConsumerPerformanceTool {

    private static final System.Logger LOG = System.getLogger(ConsumerPerformanceTool.class.getName());

    /**
     * What the tool measured.
     *
     * @param records           records read
     * @param seconds           time taken, including joining the group
     * @param recordsPerSecond  records / seconds
     * @param fetchRecordsPerSecond rate while fetching (the tool's fetch.nMsg.sec, without the group join)
     * @param output            the tool's output
     */
    public record Result(long records, double seconds, double recordsPerSecond, double fetchRecordsPerSecond,
                         String output) {
    }

    /** How long a run may take: reading a benchmark's backlog takes seconds. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private ConsumerPerformanceTool() {
    }

    /** Reads {@code records} records of {@code topic} from the beginning, in a fresh consumer group. */
    public static Result run(String bootstrapServers, String topic, long records) {
        return run(bootstrapServers, topic, records, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * As {@link #run(String, String, long)}, with the tool's working directory made in {@code workParent} for the
     * run and removed after it.
     */
    static Result run(String bootstrapServers, String topic, long records, Path workParent) {
        Path work;
        try {
            work = Files.createTempDirectory(workParent, "sneakerqc-consumer-perf-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ConsumerPerformance", e);
        }
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(KafkaBroker.DEFAULT_JVM_OPTIONS);
            command.add("-cp");
            command.add(BrokerClasspath.build(work));
            command.addAll(List.of("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                    bootstrapServers, "--topic", topic, "--messages", Long.toString(records), "--group",
                    "consumer-perf-" + UUID.randomUUID(), "--timeout", "30000"));
            return parse(runToEnd(command, work, TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ConsumerPerformance", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Directories.deleteQuietly(work, LOG); // the tool's output, perhaps a copy of the broker's main class
        }
    }

    /**
     * Runs {@code command} in {@code work}, its output (with its errors) written to a file there, and returns that
     * output once it has ended with status 0. A run that outlives {@code timeout}, or is interrupted, is killed with
     * whatever it started before this throws, so no tool is left reading the topic beside what is measured next.
     */
    static String runToEnd(List<String> command, Path work, Duration timeout)
            throws IOException, InterruptedException {
        Path outputFile = work.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(outputFile.toFile()).start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String output = new String(Files.readAllBytes(outputFile), StandardCharsets.UTF_8);
            if (!ended) {
                throw new IllegalStateException("ConsumerPerformance did not end within " + timeout
                        + " and was killed; its output:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ConsumerPerformance failed (exit status " + process.exitValue()
                        + "):\n" + output);
            }
            return output;
        } finally {
            if (process.isAlive()) {
                ChildProcesses.killTree(process);
            }
        }
    }

    /**
     * Reads the tool's CSV line: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
     * rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec.
     */
    static Result parse(String output) {
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String[] fields = lines[i].split(",");
            if (fields.length >= 10 && !fields[0].contains("start.time")) {
                try {
                    long records = Long.parseLong(fields[4].strip());
                    double rate = Double.parseDouble(fields[5].strip());
                    double fetchRate = Double.parseDouble(fields[9].strip());
                    return new Result(records, rate > 0 ? records / rate : 0, rate, fetchRate, output);
                } catch (NumberFormatException ignored) {
                    // not the stats line
                }
            }
        }
        throw new IllegalStateException("no statistics in ConsumerPerformance output:\n" + output);
    }
}
