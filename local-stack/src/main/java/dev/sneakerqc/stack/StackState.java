package dev.sneakerqc.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The running stack as recorded in {@code <data-dir>/stack.properties}: the launcher's PID and its addresses.
 * {@code ./stack stop} and {@code ./stack status} read it; a start refuses to run twice on the same data.
 */
final class StackState {

    private static final String LAUNCHER = "launcher.pid";

    private final Path file;
    private final Properties properties;

    private StackState(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    static StackState empty(Path file) {
        return new StackState(file, new Properties());
    }

    static Optional<StackState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new StackState(file, properties));
    }

    StackState launcher(long pid) {
        properties.setProperty(LAUNCHER, Long.toString(pid));
        return this;
    }

    StackState address(String name, String value) {
        properties.setProperty("address." + name, value);
        return this;
    }

    String address(String name) {
        return properties.getProperty("address." + name, "?");
    }

    /** The launcher process, if it is still running. */
    Optional<ProcessHandle> liveLauncher() {
        return live(properties.getProperty(LAUNCHER)).filter(handle -> commandMentions(handle, "local-stack"));
    }

    void write() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "The running local stack (written by ./stack; removed when it stops)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static Optional<ProcessHandle> live(String pid) {
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pid.strip())).filter(ProcessHandle::isAlive);
    }

    /** Guards against a recycled PID: the process must still be the one recorded. */
    private static boolean commandMentions(ProcessHandle handle, String text) {
        return handle.info().commandLine().map(line -> line.contains(text)).orElse(true);
    }
}
