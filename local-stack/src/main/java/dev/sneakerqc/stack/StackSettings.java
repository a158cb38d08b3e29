package dev.sneakerqc.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the local stack runs: its ports and its data folder. Each value comes from a command-line option
 * ({@code --postgres-port=5433}), else from the environment ({@code STACK_POSTGRES_PORT=5433}), else its default.
 *
 * @param projectDir   the checkout: the services' packaged applications are read from it
 * @param dataDir      PostgreSQL's and Kafka's data, the services' logs and the stack's state (kept between runs)
 * @param postgresPort PostgreSQL on 127.0.0.1
 * @param kafkaPort    the Kafka broker's client port on 127.0.0.1
 * @param catalogPort  catalog-service's HTTP port
 * @param qcPort       qc-service's HTTP port
 * @param demoData     whether the first start loads the demo data
 */
public record StackSettings(Path projectDir, Path dataDir, int postgresPort, int kafkaPort, int catalogPort,
                            int qcPort, boolean demoData) {

    /** The options: name, environment variable, default, meaning (for {@code --help}). */
    static final Map<String, String[]> OPTIONS = options();

    private static Map<String, String[]> options() {
        Map<String, String[]> options = new LinkedHashMap<>();
        options.put("postgres-port", new String[] {"STACK_POSTGRES_PORT", "5432", "PostgreSQL port"});
        options.put("kafka-port", new String[] {"STACK_KAFKA_PORT", "9092", "Kafka broker port"});
        options.put("catalog-port", new String[] {"STACK_CATALOG_PORT", "8081", "catalog-service HTTP port"});
        options.put("qc-port", new String[] {"STACK_QC_PORT", "8082", "qc-service HTTP port"});
        options.put("data-dir", new String[] {"STACK_DATA_DIR", ".local-stack", "data, logs and state (kept)"});
        options.put("demo-data", new String[] {"STACK_DEMO_DATA", "true", "load demo data on the first start"});
        return options;
    }

    /** Settings from {@code options} (without the leading {@code --}), the environment and the defaults. */
    public static StackSettings resolve(Path projectDir, Map<String, String> options, Map<String, String> environment) {
        for (String name : options.keySet()) {
            if (!OPTIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
        }
        UnaryOperator<String> value = name -> {
            String[] option = OPTIONS.get(name);
            String given = options.get(name);
            if (given == null) {
                given = environment.get(option[0]);
            }
            return given == null || given.isBlank() ? option[1] : given.strip();
        };
        Path data = Path.of(value.apply("data-dir"));
        return new StackSettings(projectDir.toAbsolutePath().normalize(),
                (data.isAbsolute() ? data : projectDir.resolve(data)).toAbsolutePath().normalize(),
                port("postgres-port", value), port("kafka-port", value), port("catalog-port", value),
                port("qc-port", value), Boolean.parseBoolean(value.apply("demo-data")));
    }

    private static int port(String name, UnaryOperator<String> value) {
        String text = value.apply(name);
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " (" + OPTIONS.get(name)[0] + ") must be a port number"
                + " from 1 to 65535, not '" + text + "'");
    }

    /** The packaged application of {@code service} ({@code catalog-service} or {@code qc-service}). */
    public Path applicationJar(String service) {
        return projectDir.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    Path postgresDataDir() {
        return dataDir.resolve("postgres").resolve("data");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    Path stateFile() {
        return dataDir.resolve("stack.properties");
    }

    Path demoDataMarker() {
        return dataDir.resolve("demo-data.loaded");
    }
}
