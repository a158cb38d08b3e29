package dev.sneakerqc.stack;

import dev.sneakerqc.infra.support.ChildProcesses;
import dev.sneakerqc.infra.support.LogTail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the services as its packaged application ({@code target/quarkus-app/quarkus-run.jar}) in prod mode, in a
 * process of its own configured by environment variables only, as it would run in production.
 */
public final class PackagedService implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public PackagedService(String name, Path jar, int port, Map<String, String> environment, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code once the process has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Launches the process; {@link #awaitReady} then waits for it. After {@link #close()} it may be launched again. */
    public void launch() {
        if (!Files.isRegularFile(jar)) {
            throw new StackFailure(name + " is not packaged: " + jar + " is missing. Build it with"
                    + " ./mvnw -DskipTests package (./stack does that when needed).");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // Netty still uses it; quiet on newer JDKs
        }
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " starting " + name + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.inOwnSession(command))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(Redirect.PIPE)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the process ends first. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackFailure(name + " stopped while starting (exit code " + process.exitValue() + ")."
                        + LogTail.section(log, 25));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackFailure("interrupted while waiting for " + name);
            }
            ChildProcesses.pause(Duration.ofMillis(200));
        }
        throw new StackFailure(name + " was not ready within " + timeout.toSeconds() + " s; see " + log
                + LogTail.section(log, 25));
    }

    /** Asks the service to shut down (SIGTERM: Quarkus stops gracefully), killing it after 30 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!ChildProcesses.awaitExit(process, STOP_TIMEOUT)) {
            ChildProcesses.killTree(process);
        }
    }
}
