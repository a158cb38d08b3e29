package dev.sneakerqc.infra.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the child broker JVM. The build writes the resolved Kafka server jars (provided scope, so they
 * never reach this module's consumers) and the jars the broker shares with this module's runtime into two
 * resources of this jar; this class joins them with the location of {@link KafkaBrokerMain}.
 */
final class BrokerClasspath {

    private static final List<String> RESOURCES = List.of("broker.classpath", "broker-shared.classpath");
    private static final String MAIN_CLASS_FILE = KafkaBroker.MAIN_CLASS.replace('.', '/') + ".class";

    private BrokerClasspath() {
    }

    /**
     * The {@code -cp} value. {@code workDirectory} receives a copy of the main class when its location cannot be
     * expressed as a path (e.g. a class loader serving classes from memory).
     */
    static String build(Path workDirectory) {
        List<String> entries = new ArrayList<>();
        for (String resource : RESOURCES) {
            for (String entry : read(resource).split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("The Kafka broker classpath names " + entry + ", which does not"
                            + " exist. The list is written when local-infra is built; rebuild it on this machine"
                            + " (./mvnw -pl local-infra -am install).");
                }
                entries.add(entry);
            }
        }
        entries.add(mainClassLocation(workDirectory).toString());
        return String.join(File.pathSeparator, entries);
    }

    private static String read(String resource) {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is missing next to "
                        + BrokerClasspath.class.getName() + "; local-infra was not built with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read resource " + resource, e);
        }
    }

    /** The jar or classes directory holding {@link KafkaBrokerMain}, or a directory with a copy of it. */
    private static Path mainClassLocation(Path workDirectory) {
        URL url = BrokerClasspath.class.getClassLoader().getResource(MAIN_CLASS_FILE);
        if (url == null) {
            throw new IllegalStateException(MAIN_CLASS_FILE + " is not on the classpath");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
                if ("file".equals(jar.getProtocol())) {
                    return Path.of(jar.toURI());
                }
            } else if ("file".equals(url.getProtocol())) {
                Path classFile = Path.of(url.toURI());
                Path root = classFile;
                for (int i = 0; i < MAIN_CLASS_FILE.split("/").length; i++) {
                    root = root.getParent();
                }
                return root;
            }
            return copyMainClass(url, workDirectory);
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Could not locate " + MAIN_CLASS_FILE + " from " + url, e);
        }
    }

    private static Path copyMainClass(URL url, Path workDirectory) throws IOException {
        Path root = workDirectory.resolve("launcher-classes");
        Path target = root.resolve(MAIN_CLASS_FILE);
        Files.createDirectories(target.getParent());
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return root;
    }
}
