package dev.sneakerqc.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own OS process in prod mode,
 * configured through the environment alone, as in production.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    ServiceProcess(String name, String jarProperty, Map<String, String> environment) {
        this.name = name;
        this.jar = Path.of(System.getProperty(jarProperty, "../" + name + "/target/quarkus-app/quarkus-run.jar"));
        this.environment = environment;
        this.port = freePort();
        this.log = Path.of(System.getProperty("system-tests.logs", "target/service-logs")).resolve(name + ".log");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until it is ready ({@code /q/health/ready} answers 200). */
    ServiceProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar.toAbsolutePath()
                    + " is missing (run the build from the root)");
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow"); // Netty still uses it; quiet on newer JDKs
            }
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
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
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within 60 s; see " + log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
