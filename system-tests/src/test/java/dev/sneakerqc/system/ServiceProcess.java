package dev.sneakerqc.system;

import dev.sneakerqc.infra.support.ChildProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
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
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own OS process in prod mode,
 * configured through the environment alone, as in production.
 * <p>
 * It keeps its port for life: {@link #stop()} (graceful) or {@link #kill()} ({@code kill -9}) and then
 * {@link #start()} bring it back at the same address. The JVM runs under a lifeline watchdog
 * ({@link ChildProcesses#underLifeline}), so it stops when this test JVM goes, however it goes.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process watchdog;
    private ProcessHandle service;

    ServiceProcess(String name, String jarProperty, Map<String, String> environment) {
        this.name = name;
        this.jar = Path.of(System.getProperty(jarProperty, "../" + name + "/target/quarkus-app/quarkus-run.jar"));
        this.environment = environment;
        this.port = freePort();
        this.log = Path.of(System.getProperty("system-tests.logs", "target/service-logs")).resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until it is ready ({@code /q/health/ready} answers 200). */
    synchronized ServiceProcess start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + service.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar.toAbsolutePath()
                    + " is missing (run the build from the root)");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + ": starting " + name + " on port " + port
                    + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow"); // Netty still uses it; quiet on newer JDKs
            }
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.underLifeline("TERM", name + "-watchdog", command))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            watchdog = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        try {
            awaitReady();
            service = watchdog.children().filter(child -> child.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + ": no JVM under its watchdog"));
        } catch (RuntimeException e) {
            ChildProcesses.killTree(watchdog);
            watchdog = null;
            throw e;
        }
        return this;
    }

    /** Whether the service's JVM is alive. */
    synchronized boolean isRunning() {
        return service != null && service.isAlive();
    }

    /** The service JVM's process id. */
    synchronized long pid() {
        if (service == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return service.pid();
    }

    /**
     * Kills the service's JVM with {@code kill -9} (SIGKILL): no shutdown hook, no graceful close of anything,
     * as in a crash or an OOM kill. Returns once it is gone. The port is kept for {@link #start()}.
     */
    synchronized void kill() {
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
    }

    /**
     * Stops the service gracefully (SIGTERM, through its lifeline), killing it if it takes longer than 20 s. The
     * port is kept for {@link #start()}. Does nothing if it is not running.
     */
    synchronized void stop() {
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
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException(name + " exited with " + watchdog.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            ChildProcesses.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
