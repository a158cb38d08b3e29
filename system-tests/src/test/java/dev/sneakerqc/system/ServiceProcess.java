package dev.sneakerqc.system;

import dev.sneakerqc.infra.service.PackagedService;
import dev.sneakerqc.infra.support.FreePorts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A packaged service of the system tests: a {@link PackagedService} (its own JVM in prod mode, under a lifeline,
 * keeping its port across {@link #stop()}, {@link #kill()} and {@link #start()}) on a free port, with its jar
 * named by a system property from the build and its log under {@code target/service-logs}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final PackagedService service;

    ServiceProcess(String name, String jarProperty, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty(jarProperty, "../" + name + "/target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of(System.getProperty("system-tests.logs", "target/service-logs")).resolve(name + ".log");
        this.service = new PackagedService(name, jar, FreePorts.pick(), environment, log);
    }

    String name() {
        return service.name();
    }

    String url() {
        return service.url();
    }

    /** Starts the process and waits until it is ready ({@code /q/health/ready} answers 200). */
    ServiceProcess start() {
        service.start(READY_TIMEOUT);
        return this;
    }

    boolean isRunning() {
        return service.isRunning();
    }

    long pid() {
        return service.pid();
    }

    /** {@code kill -9} of the service's JVM, as in a crash; returns once it is gone. */
    void kill() {
        service.kill();
    }

    /** Graceful stop (SIGTERM); the port is kept for {@link #start()}. */
    void stop() {
        service.stop();
    }

    @Override
    public void close() {
        service.close();
    }
}
