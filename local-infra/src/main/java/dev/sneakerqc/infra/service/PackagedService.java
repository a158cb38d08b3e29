package dev.sneakerqc.infra.service;

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
import java.util.concurrent.TimeUnit;

/**
 * One of the services as its packaged application ({@code target/quarkus-app/quarkus-run.jar}) in prod mode, in a
 * JVM of its own configured by environment variables only, as it runs in production. Used by the local stack and
 * by the system tests.
 * <p>
 * It keeps its port for life: {@link #stop()} (graceful) or {@link #kill()} ({@code kill -9}) and then
 * {@link #start()} bring it back at the same address. The JVM runs under a lifeline watchdog
 * ({@link ChildProcesses#underLifeline}) in a session of its own, so it stops when the JVM that started it goes,
 * however that goes, and a Ctrl-C in the terminal reaches only its owner.
 */
public final class PackagedService implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 25;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process watchdog;
    private ProcessHandle service;
    private long launchedNanos;
    private ServiceJvm.Launch jvmLaunch;

    /**
     * @param name        for messages, logs and {@code ps}
     * @param jar         the {@code quarkus-run.jar}
     * @param port        its HTTP port ({@code QUARKUS_HTTP_PORT})
     * @param environment its configuration
     * @param log         where its output is appended
     */
    public PackagedService(String name, Path jar, int port, Map<String, String> environment, Path log) {
        this.name = name;
        this.jar = jar.toAbsolutePath().normalize();
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /**
     * Whether the running JVM trains an AOT cache (no current one existed at launch): it records as it runs, and
     * writes the cache when it stops gracefully (see {@link ServiceJvm}).
     */
    public synchronized boolean isTrainingAotCache() {
        return isRunning() && jvmLaunch != null && jvmLaunch.training() != null;
    }

    /** Launches it and waits until it is ready; returns the time from launch to ready. */
    public synchronized Duration start(Duration readyTimeout) {
        launch();
        return awaitReady(readyTimeout);
    }

    /** Launches the JVM without waiting; {@link #awaitReady} then waits for it. */
    public synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + service.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing. Build it first"
                    + " (./mvnw package -DskipTests).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmLaunch = ServiceJvm.launch(name, jar.getParent(), environment);
        command.addAll(jvmLaunch.options());
        // Relative to its directory, the working directory: an AOT cache holds the class path it was made with.
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "=== " + Instant.now() + ": starting " + name + " on port " + port
                    + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.inOwnSession(
                    ChildProcesses.underLifeline("TERM", name + "-watchdog", command)))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(ServiceJvm.environment());
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            launchedNanos = System.nanoTime();
            watchdog = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        service = awaitJvm();
    }

    /**
     * Waits until {@code /q/health/ready} answers 200, asking every 10 ms; returns the time from launch to ready.
     *
     * @throws IllegalStateException if it ends or is not ready in time; the message has its log's tail
     */
    public Duration awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            Process process = watchdog;
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting"
                        + (process == null ? "" : " (exit code " + process.exitValue() + ")")
                        + LogTail.section(log, LOG_TAIL_LINES));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            ChildProcesses.pause(Duration.ofMillis(10));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s"
                + LogTail.section(log, LOG_TAIL_LINES));
    }

    /** Whether the service's JVM is alive. */
    public synchronized boolean isRunning() {
        return service != null && service.isAlive();
    }

    /** The exit code of the watchdog, i.e. of the service, once it has ended on its own; -1 while it runs. */
    public synchronized int exitCode() {
        return watchdog == null || watchdog.isAlive() ? -1 : watchdog.exitValue();
    }

    /** The service JVM's process id. */
    public synchronized long pid() {
        if (service == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return service.pid();
    }

    /**
     * Kills the service's JVM with {@code kill -9} (SIGKILL): no shutdown hook, no graceful close of anything,
     * as in a crash or an OOM kill. Returns once it is gone. The port is kept for {@link #start}.
     */
    public synchronized void kill() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(service.pid()))
                    .redirectErrorStream(true).start();
            if (!ChildProcesses.awaitExit(kill, Duration.ofSeconds(10)) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -9 " + service.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -9 on " + name, e);
        }
        service.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        ChildProcesses.awaitExit(watchdog, Duration.ofSeconds(10));
        service = null;
        watchdog = null;
        ServiceJvm.afterExit(jvmLaunch);
    }

    /**
     * Stops the service gracefully (SIGTERM through its lifeline: Quarkus finishes what it is doing), killing it
     * after 30 s. The port is kept for {@link #start}. Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        try {
            watchdog.getOutputStream().close(); // the lifeline: the watchdog sends SIGTERM
        } catch (IOException e) {
            watchdog.destroy();
        }
        if (!ChildProcesses.awaitExit(watchdog, STOP_TIMEOUT)) {
            if (service != null) {
                service.destroyForcibly();
            }
            ChildProcesses.killTree(watchdog);
        }
        service = null;
        watchdog = null;
        ServiceJvm.afterExit(jvmLaunch);
    }

    @Override
    public void close() {
        stop();
    }

    /** The JVM the watchdog started (its child). */
    private ProcessHandle awaitJvm() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            var jvm = watchdog.children().filter(child -> child.info().command().orElse("").endsWith("java"))
                    .findFirst();
            if (jvm.isPresent()) {
                return jvm.get();
            }
            if (!watchdog.isAlive()) {
                throw new IllegalStateException(name + " stopped at once (exit code " + watchdog.exitValue() + ")"
                        + LogTail.section(log, LOG_TAIL_LINES));
            }
            ChildProcesses.pause(Duration.ofMillis(20));
        }
        ChildProcesses.killTree(watchdog);
        throw new IllegalStateException(name + ": no JVM under its watchdog after 10 s");
    }
}
