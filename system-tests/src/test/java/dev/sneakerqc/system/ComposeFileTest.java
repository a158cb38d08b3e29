package dev.sneakerqc.system;

import dev.sneakerqc.infra.service.ServiceJvm;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * docker-compose.yml checked without a Docker engine: every name, port, listener, database, configuration
 * property and path it refers to must exist, so that a typo fails the build instead of {@code docker compose up}.
 * The services' images copy what {@code package} built, which is why this runs after both services are packaged.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("sneakerqc.root", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    /** Where the postgres image's server listens inside its container. */
    private static final int POSTGRES_PORT = 5432;
    private static final String INIT_SCRIPTS = "/docker-entrypoint-initdb.d/";
    /** host:port inside a value (kafka:9092, jdbc:postgresql://postgres:5432/qc, http://qc-service:8082). */
    private static final Pattern ADDRESS = Pattern.compile("(?<![A-Za-z0-9.-])([a-z][a-z0-9-]*):\\d+");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void readComposeFile() {
        Map<String, Object> compose = yaml(COMPOSE_FILE);
        services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, definition) -> services.put(name, map(definition)));
    }

    @Test
    void theComposeFileDefinesTheWholeStack() {
        assertThat(services).as("services in %s", COMPOSE_FILE)
                .containsKeys("postgres", "kafka", "catalog-service", "qc-service", "demo-data");
        assertThat(builtServices()).as("services built from a module of this repository")
                .containsOnlyKeys("catalog-service", "qc-service");
    }

    /**
     * A disabled healthcheck is only right for a one-shot job: one that plain {@code docker compose up} does not
     * start (it has a profile) and that nothing waits for (service_healthy would never be met).
     */
    @Test
    void everyServiceHasAHealthcheckAndNoneWaitsForAServiceWithout() {
        Set<String> dependedOn = services.values().stream()
                .flatMap(definition -> map(definition.get("depends_on")).keySet().stream())
                .collect(Collectors.toSet());
        assertSoftly(softly -> services.forEach((name, definition) -> {
            Map<String, Object> healthcheck = map(definition.get("healthcheck"));
            softly.assertThat(healthcheck).as("%s has no healthcheck", name).isNotEmpty();
            if (Boolean.TRUE.equals(healthcheck.get("disable"))) {
                softly.assertThat(dependedOn).as("%s has no healthcheck, yet a service waits for it", name)
                        .doesNotContain(name);
                softly.assertThat(list(definition.get("profiles")))
                        .as("%s has no healthcheck, yet starts with every `docker compose up` (no profile)", name)
                        .isNotEmpty();
            } else if (!healthcheck.isEmpty()) {
                softly.assertThat(list(healthcheck.get("test"))).as("%s: healthcheck test", name)
                        .isNotEmpty()
                        .first().asString().isIn("CMD", "CMD-SHELL");
            }
        }));
    }

    /** Also: every service a container talks to (a host:port in its environment or command) is one it waits for. */
    @Test
    void everyDependencyWaitsForADefinedHealthyService() {
        assertSoftly(softly -> services.forEach((name, definition) -> {
            Object dependsOn = definition.get("depends_on");
            softly.assertThat(dependsOn == null || dependsOn instanceof Map)
                    .as("%s: depends_on must be a map with a condition per service, not a list: %s", name, dependsOn)
                    .isTrue();
            map(dependsOn).forEach((dependency, options) -> {
                softly.assertThat(services).as("%s depends on %s, which is no service", name, dependency)
                        .containsKey(dependency);
                softly.assertThat(map(options).get("condition")).as("%s: depends_on %s: condition", name, dependency)
                        .isEqualTo("service_healthy");
            });
            for (Address address : addressesIn(name)) {
                softly.assertThat(map(dependsOn)).as("%s talks to %s (%s) but does not wait for it",
                        name, address.host(), address.where()).containsKey(address.host());
            }
        }));
    }

    @Test
    void environmentVariablesOfTheServicesAreTheirConfigurationProperties() {
        assertSoftly(softly -> builtServices().forEach((name, module) -> {
            Map<String, String> environment = environment(name);
            softly.assertThat(environment).as("%s: environment", name).isNotEmpty();
            softly.assertThat(unknownVariables(environment, applicationProperties(module)))
                    .as("%s: environment variables that are no property of %s", name, propertiesFile(module))
                    .isEmpty();
        }));
    }

    /** The check above must be able to fail: a misspelled variable is not taken for a property. */
    @Test
    void aMisspelledVariableIsNoConfigurationProperty() {
        Properties properties = new Properties();
        properties.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/catalog");
        properties.setProperty("kafka-topics.dead-letters", "production-events.dlq");
        properties.setProperty("%test.quarkus.devservices.enabled", "false");
        properties.setProperty("quarkus.log.category.\"org.apache.kafka\".level", "WARN");

        assertThat(environmentVariableNames(properties)).contains("QUARKUS_DATASOURCE_JDBC_URL",
                        "KAFKA_TOPICS_DEAD_LETTERS", "QUARKUS_DEVSERVICES_ENABLED",
                        "QUARKUS_LOG_CATEGORY_ORG_APACHE_KAFKA_LEVEL", "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL")
                .doesNotContain("QUARKUS_DATASOURCE_JDBC_URI", "_TEST_QUARKUS_DEVSERVICES_ENABLED");
        assertThat(unknownVariables(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "x", "QUARKUS_DATASOURCE_JDBC_URI", "x",
                "KAFKA_BOOTSTRAP_SERVER", "x"), properties))
                .containsExactly("KAFKA_BOOTSTRAP_SERVER", "QUARKUS_DATASOURCE_JDBC_URI");
        assertThat(unknownVariables(Map.of("QUARKUS_DATASOURCE_JDBC_URI", "x"),
                applicationProperties(builtServices().get("catalog-service"))))
                .containsExactly("QUARKUS_DATASOURCE_JDBC_URI");
    }

    @Test
    void eachServiceUsesItsHttpPortInComposeDockerfileAndHealthcheck() {
        assertSoftly(softly -> builtServices().forEach((name, module) -> {
            int port = httpPort(module);
            softly.assertThat(ports(name)).as("%s: container port of `ports` (quarkus.http.port is %d)", name, port)
                    .extracting(PortMapping::target).containsExactly(port);
            softly.assertThat(instructions(dockerfile(name), "EXPOSE")).as("%s: EXPOSE in %s", name, dockerfile(name))
                    .containsExactly(List.of(Integer.toString(port)));
            softly.assertThat(healthcheckCommand(name)).as("%s: healthcheck", name)
                    .contains("/dev/tcp/127.0.0.1/" + port + " ")
                    .contains("GET /q/health/ready ");
        }));
    }

    @Test
    void kafkaBootstrapServersIsTheBrokersInternalListener() {
        String kafka = serviceWithImage("apache/kafka");
        Map<String, String> advertised = listeners(environment(kafka).get("KAFKA_ADVERTISED_LISTENERS"));
        // Containers reach the broker by its service name: what it advertises under that name is for them.
        List<String> internal = advertised.values().stream().filter(address -> host(address).equals(kafka)).toList();
        assertThat(internal).as("%s: KAFKA_ADVERTISED_LISTENERS for other containers (host %s)", kafka, kafka)
                .isNotEmpty();
        assertSoftly(softly -> builtServices().keySet().forEach(name -> {
            String servers = environment(name).get("KAFKA_BOOTSTRAP_SERVERS");
            softly.assertThat(servers).as("%s: KAFKA_BOOTSTRAP_SERVERS", name).isNotNull();
            for (String server : servers == null ? new String[0] : servers.split(",")) {
                softly.assertThat(internal).as("%s: KAFKA_BOOTSTRAP_SERVERS=%s is no internal listener of %s",
                        name, servers, kafka).contains(server.strip());
            }
        }));
    }

    @Test
    void kafkaListenersFitTogether() {
        String kafka = serviceWithImage("apache/kafka");
        Map<String, String> broker = environment(kafka);
        Map<String, String> bound = listeners(broker.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listeners(broker.get("KAFKA_ADVERTISED_LISTENERS"));
        Set<String> protocols = Arrays.stream(broker.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "")
                        .split(","))
                .map(entry -> entry.split(":")[0].strip()).collect(Collectors.toSet());
        List<String> controllers = List.of(broker.getOrDefault("KAFKA_CONTROLLER_LISTENER_NAMES", "").split(","));
        assertSoftly(softly -> {
            softly.assertThat(broker.get("KAFKA_PROCESS_ROLES")).as("%s: KAFKA_PROCESS_ROLES", kafka)
                    .isEqualTo("broker,controller");
            softly.assertThat(protocols).as("%s: KAFKA_LISTENER_SECURITY_PROTOCOL_MAP names", kafka)
                    .containsAll(bound.keySet());
            softly.assertThat(bound).as("%s: KAFKA_LISTENERS has the controller listeners", kafka)
                    .containsKeys(controllers.toArray(String[]::new));
            softly.assertThat(advertised).as("%s: KAFKA_ADVERTISED_LISTENERS has the inter-broker listener", kafka)
                    .containsKey(broker.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
            advertised.forEach((listener, address) -> {
                softly.assertThat(bound.get(listener)).as("%s: advertised listener %s=%s is not bound on its port",
                        kafka, listener, address).isNotNull().endsWith(":" + port(address));
                if (host(address).equals("localhost")) {
                    softly.assertThat(ports(kafka)).as("%s: %s=%s is for the host: its port must be published as is",
                            kafka, listener, address).contains(new PortMapping(port(address), port(address)));
                }
            });
            String controller = bound.get(controllers.get(0));
            Matcher voter = Pattern.compile("(\\d+)@(.+)")
                    .matcher(broker.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", ""));
            softly.assertThat(controller != null && voter.matches()
                            && voter.group(1).equals(broker.get("KAFKA_NODE_ID"))
                            && port(voter.group(2)) == port(controller))
                    .as("%s: KAFKA_CONTROLLER_QUORUM_VOTERS=%s is not this node (KAFKA_NODE_ID) on the port of its "
                            + "controller listener", kafka, broker.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isTrue();
            Matcher healthcheck = Pattern.compile("--bootstrap-server (\\S+)").matcher(healthcheckCommand(kafka));
            if (healthcheck.find()) {
                softly.assertThat(advertised.values().stream().map(ComposeFileTest::port).toList())
                        .as("%s: healthcheck --bootstrap-server %s is no advertised listener's port", kafka,
                                healthcheck.group(1))
                        .contains(port(healthcheck.group(1)));
            } else {
                softly.fail("%s: the healthcheck names no --bootstrap-server: %s", kafka, healthcheckCommand(kafka));
            }
            softly.assertThat(mounts(kafka)).as("%s: KAFKA_LOG_DIRS on a named volume", kafka)
                    .filteredOn(mount -> !mount.bind()).extracting(Mount::target)
                    .contains(broker.get("KAFKA_LOG_DIRS"));
        });
    }

    @Test
    void jdbcUrlsNameDatabasesTheInitScriptCreatesForTheirUser() {
        String postgres = serviceWithImage("postgres");
        InitScript init = initScript(postgres);
        assertThat(init.databaseOwners()).as("databases created by the init scripts of %s", postgres).isNotEmpty();
        Pattern jdbcUrl = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?/]+)");
        assertSoftly(softly -> {
            softly.assertThat(ports(postgres)).as("%s: ports", postgres)
                    .extracting(PortMapping::target).containsExactly(POSTGRES_PORT);
            builtServices().keySet().forEach(name -> {
                Map<String, String> environment = environment(name);
                String url = environment.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
                Matcher matcher = jdbcUrl.matcher(url);
                softly.assertThat(matcher.matches()).as("%s: QUARKUS_DATASOURCE_JDBC_URL=%s is missing or not "
                        + "jdbc:postgresql://host:port/database", name, url).isTrue();
                if (!matcher.matches()) {
                    return;
                }
                String database = matcher.group(3);
                String username = environment.get("QUARKUS_DATASOURCE_USERNAME");
                softly.assertThat(matcher.group(1) + ":" + matcher.group(2)).as("%s: host:port of %s", name, url)
                        .isEqualTo(postgres + ":" + POSTGRES_PORT);
                softly.assertThat(init.databaseOwners()).as("%s: database %s (databases the init script creates, "
                        + "with their owners)", name, database).containsEntry(database, username);
                softly.assertThat(init.rolePasswords()).as("%s: QUARKUS_DATASOURCE_USERNAME=%s and "
                                + "QUARKUS_DATASOURCE_PASSWORD (roles the init script creates, with their passwords)",
                        name, username).containsEntry(username, environment.get("QUARKUS_DATASOURCE_PASSWORD"));
            });
        });
    }

    /** An HTTP URL in a container's environment or command can only be meant for another service of this file. */
    @Test
    void urlsOfServicesUseTheirNamesAndHttpPorts() {
        Map<String, Path> built = builtServices();
        assertThat(environment("qc-service").get("QUARKUS_REST_CLIENT_CATALOG_URL"))
                .as("qc-service: QUARKUS_REST_CLIENT_CATALOG_URL")
                .isEqualTo("http://catalog-service:" + httpPort(built.get("catalog-service")));
        Pattern url = Pattern.compile("https?://([^:/\\s]+)(?::(\\d+))?");
        assertSoftly(softly -> services.keySet().forEach(name -> values(name).forEach((where, value) -> {
            for (Matcher matcher = url.matcher(value); matcher.find(); ) {
                String host = matcher.group(1);
                softly.assertThat(built).as("%s: %s names %s, which is no service built here", name, where, host)
                        .containsKey(host);
                if (built.containsKey(host)) {
                    softly.assertThat(matcher.group(2)).as("%s: %s names %s, which listens on quarkus.http.port",
                            name, where, host).isEqualTo(Integer.toString(httpPort(built.get(host))));
                }
            }
        })));
    }

    @Test
    void buildContextsDockerfilesAndWhatTheyCopyExist() {
        assertSoftly(softly -> builtServices().forEach((name, context) -> {
            Path dockerfile = dockerfile(name);
            softly.assertThat(dockerfile).as("%s: build dockerfile", name).isRegularFile();
            if (!Files.isRegularFile(dockerfile)) {
                return;
            }
            List<List<String>> copies = instructions(dockerfile, "COPY");
            softly.assertThat(copies).as("%s: COPY in %s", name, dockerfile).isNotEmpty();
            for (List<String> copy : copies) {
                List<String> arguments = copy.stream().filter(argument -> !argument.startsWith("--")).toList();
                for (String source : arguments.subList(0, arguments.size() - 1)) {
                    softly.assertThat(matches(context, source)).as("%s: COPY source %s (in %s) does not exist in "
                            + "%s; run ./mvnw package first", name, source, dockerfile, context).isNotEmpty();
                }
            }
        }));
    }

    /** Every bind-mounted host path, and a jar a one-shot job runs from one (demo-data's local-stack.jar), exists. */
    @Test
    void bindMountedHostPathsAndTheJarsRunFromThemExist() {
        assertSoftly(softly -> services.keySet().forEach(name -> {
            for (Mount mount : mounts(name)) {
                Path source = ROOT.resolve(mount.source()).normalize();
                if (mount.bind()) {
                    softly.assertThat(source).as("%s: bind-mounted host path %s", name, mount.source()).exists();
                }
            }
            List<String> command = command(name);
            int jar = command.indexOf("-jar");
            if (jar >= 0) {
                String path = command.get(jar + 1);
                Path onHost = hostPath(name, path);
                softly.assertThat(onHost).as("%s: %s is on no bind mount", name, path).isNotNull();
                if (onHost != null) {
                    softly.assertThat(onHost).as("%s runs %s, which is %s on the host", name, path, onHost)
                            .isRegularFile();
                }
            }
        }));
    }

    @Test
    void imagesArePinnedToTheVersionsTheTestsUse() {
        assertSoftly(softly -> {
            services.forEach((name, definition) -> {
                if (definition.containsKey("image")) {
                    softly.assertThat(tag(String.valueOf(definition.get("image")))).as("%s: image tag", name)
                            .isNotEmpty().isNotEqualTo("latest");
                }
            });
            builtServices().keySet().forEach(name -> softly.assertThat(instructions(dockerfile(name), "FROM"))
                    .as("%s: FROM in %s", name, dockerfile(name)).singleElement()
                    .satisfies(from -> assertThat(tag(from.get(0))).isNotEmpty().isNotEqualTo("latest")));
            String kafkaVersion = System.getProperty("kafka.broker.version");
            if (kafkaVersion != null) {
                softly.assertThat(tag(image(serviceWithImage("apache/kafka")))).as("kafka image (kafka.broker.version)")
                        .isEqualTo(kafkaVersion);
            }
            String postgresVersion = System.getProperty("postgres.binaries.version");
            if (postgresVersion != null) {
                softly.assertThat(tag(image(serviceWithImage("postgres"))))
                        .as("postgres image (postgres.binaries.version)")
                        .isEqualTo(postgresVersion.split("\\.")[0]);
            }
        });
    }

    /**
     * The images run their JVMs with the options and environment the local stack launches them with
     * ({@link ServiceJvm}), so that what bench/ measured on the local stack holds for them. Left out on each side:
     * the AOT cache and {@code --sun-misc-unsafe-memory-access}, which ServiceJvm adds only on the JDKs that have
     * them (the images run Java 21), and the images' {@code -D} system properties.
     */
    @Test
    void imagesRunTheJvmOptionsOfTheLocalStack(@TempDir Path application) {
        assertSoftly(softly -> builtServices().keySet().forEach(name -> {
            Path dockerfile = dockerfile(name);
            Map<String, String> environment = environment(dockerfile);
            List<String> imageOptions = Arrays.stream(environment.getOrDefault("JAVA_OPTS_APPEND", "").split("\\s+"))
                    .filter(option -> !option.isEmpty() && !option.startsWith("-D")).toList();
            List<String> stackOptions = ServiceJvm.launch(name, application, Map.of("JAVA_OPTS_APPEND", ""))
                    .options().stream()
                    .filter(option -> !option.startsWith("-XX:AOTCache")
                            && !option.startsWith("--sun-misc-unsafe-memory-access"))
                    .toList();
            softly.assertThat(imageOptions).as("%s: JAVA_OPTS_APPEND in %s against ServiceJvm", name, dockerfile)
                    .containsExactlyInAnyOrderElementsOf(stackOptions);
            ServiceJvm.environment().forEach((variable, value) -> softly.assertThat(environment)
                    .as("%s: ENV in %s against ServiceJvm.environment()", name, dockerfile)
                    .containsEntry(variable, value));
        }));
    }

    // --- The compose file ---

    /** The services built from a directory of this repository, with that directory (the build context). */
    private static Map<String, Path> builtServices() {
        Map<String, Path> built = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            if (definition.containsKey("build")) {
                Object build = definition.get("build");
                String context = build instanceof Map<?, ?> options ? String.valueOf(options.get("context"))
                        : String.valueOf(build);
                built.put(name, ROOT.resolve(context).normalize());
            }
        });
        return built;
    }

    private static Path dockerfile(String service) {
        Object dockerfile = map(services.get(service).get("build")).get("dockerfile");
        return builtServices().get(service).resolve(dockerfile == null ? "Dockerfile" : dockerfile.toString());
    }

    private static String serviceWithImage(String repository) {
        return services.keySet().stream().filter(name -> image(name).startsWith(repository + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no service runs the image " + repository));
    }

    private static String image(String service) {
        return String.valueOf(services.get(service).getOrDefault("image", ""));
    }

    private static String tag(String image) {
        int colon = image.lastIndexOf(':');
        return colon < 0 || image.indexOf('/', colon) >= 0 ? "" : image.substring(colon + 1);
    }

    private static Map<String, String> environment(String service) {
        Object environment = services.get(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] variable = String.valueOf(entry).split("=", 2);
                variables.put(variable[0], variable.length > 1 ? variable[1] : null);
            }
        } else {
            map(environment).forEach((name, value) ->
                    variables.put(name, value == null ? null : String.valueOf(value)));
        }
        return variables;
    }

    record PortMapping(int published, int target) {
    }

    /** {@code ports}; a short-syntax entry is [ip:][published:]target[/protocol], published -1 when left out. */
    private static List<PortMapping> ports(String service) {
        List<PortMapping> ports = new ArrayList<>();
        for (Object entry : list(services.get(service).get("ports"))) {
            if (entry instanceof Map<?, ?> mapping) {
                ports.add(new PortMapping(Integer.parseInt(String.valueOf(mapping.get("published"))),
                        Integer.parseInt(String.valueOf(mapping.get("target")))));
            } else {
                String[] parts = String.valueOf(entry).replaceAll("/(tcp|udp)$", "").split(":");
                ports.add(new PortMapping(parts.length > 1 ? Integer.parseInt(parts[parts.length - 2]) : -1,
                        Integer.parseInt(parts[parts.length - 1])));
            }
        }
        return ports;
    }

    record Mount(String source, String target, boolean bind) {
    }

    private static List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(services.get(service).get("volumes"))) {
            if (entry instanceof Map<?, ?> volume) {
                mounts.add(new Mount(String.valueOf(volume.get("source")), String.valueOf(volume.get("target")),
                        "bind".equals(volume.get("type"))));
            } else {
                String[] parts = String.valueOf(entry).split(":");
                // A named volume's name has no slash and no leading dot; a host path does.
                boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~");
                mounts.add(new Mount(parts[0], parts[1], bind));
            }
        }
        return mounts;
    }

    /** The host file a path in the container is, through a bind mount; null when it is on none. */
    private static Path hostPath(String service, String containerPath) {
        for (Mount mount : mounts(service)) {
            if (mount.bind() && containerPath.startsWith(mount.target() + "/")) {
                return ROOT.resolve(mount.source()).resolve(containerPath.substring(mount.target().length() + 1))
                        .normalize();
            }
        }
        return null;
    }

    private static List<String> command(String service) {
        Object command = services.get(service).get("command");
        if (command instanceof String line) {
            return List.of(line.strip().split("\\s+"));
        }
        return list(command).stream().map(String::valueOf).toList();
    }

    private static String healthcheckCommand(String service) {
        return list(map(services.get(service).get("healthcheck")).get("test")).stream().map(String::valueOf)
                .collect(Collectors.joining(" "));
    }

    record Address(String host, String where) {
    }

    /** The environment variables and command arguments of a service, by where they are. */
    private static Map<String, String> values(String service) {
        Map<String, String> values = new LinkedHashMap<>();
        environment(service).forEach((name, value) -> values.put(name, value == null ? "" : value));
        command(service).forEach(argument -> values.put("command argument " + argument, argument));
        return values;
    }

    /** The other services a service names as host:port in its environment or command, with where it does. */
    private static List<Address> addressesIn(String service) {
        List<Address> addresses = new ArrayList<>();
        values(service).forEach((where, value) -> {
            Matcher matcher = ADDRESS.matcher(value);
            while (matcher.find()) {
                String host = matcher.group(1);
                if (services.containsKey(host) && !host.equals(service)) {
                    addresses.add(new Address(host, where));
                }
            }
        });
        return addresses;
    }

    /** Kafka's NAME://host:port,... as NAME to host:port (the host empty for every interface). */
    private static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : (value == null ? "" : value).split(",")) {
            int separator = listener.indexOf("://");
            if (separator > 0) {
                listeners.put(listener.substring(0, separator).strip(), listener.substring(separator + 3).strip());
            }
        }
        return listeners;
    }

    private static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    // --- Configuration properties ---

    private static Path propertiesFile(Path module) {
        return module.resolve("src/main/resources/application.properties");
    }

    private static Properties applicationProperties(Path module) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile(module), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static int httpPort(Path module) {
        return Integer.parseInt(applicationProperties(module).getProperty("quarkus.http.port"));
    }

    /** The variables among these that set none of these properties, sorted. */
    private static List<String> unknownVariables(Map<String, String> environment, Properties properties) {
        Set<String> known = environmentVariableNames(properties);
        return new TreeSet<>(environment.keySet()).stream().filter(variable -> !known.contains(variable)).toList();
    }

    /**
     * The environment variable of each property as MicroProfile Config reads it: the name without its
     * {@code %profile.} prefix, every character other than a letter or digit replaced by an underscore, in upper
     * case. A quoted segment (a log category) also counts without its quotes.
     */
    private static Set<String> environmentVariableNames(Properties properties) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            names.add(environmentVariableName(name));
            names.add(environmentVariableName(name.replace("\"", "")));
        }
        return names;
    }

    private static String environmentVariableName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // --- Init script and Dockerfiles ---

    record InitScript(Map<String, String> rolePasswords, Map<String, String> databaseOwners) {
    }

    /** The roles and databases the SQL init scripts mounted into the postgres service create. */
    private static InitScript initScript(String postgres) {
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> databases = new LinkedHashMap<>();
        Pattern role = Pattern.compile("CREATE\\s+ROLE\\s+(\\w+)\\s+(?:WITH\\s+)?LOGIN\\s+PASSWORD\\s+'([^']*)'",
                Pattern.CASE_INSENSITIVE);
        Pattern database = Pattern.compile("CREATE\\s+DATABASE\\s+(\\w+)\\s+(?:WITH\\s+)?OWNER\\s*=?\\s*(\\w+)",
                Pattern.CASE_INSENSITIVE);
        List<Mount> scripts = mounts(postgres).stream()
                .filter(mount -> mount.target().startsWith(INIT_SCRIPTS)).toList();
        assertThat(scripts).as("%s: init scripts mounted into %s", postgres, INIT_SCRIPTS).isNotEmpty();
        for (Mount script : scripts) {
            Path file = ROOT.resolve(script.source()).normalize();
            assertThat(file).as("%s: init script %s (read here as SQL)", postgres, script.source())
                    .isRegularFile().hasExtension("sql");
            String sql = read(file).replaceAll("--[^\n]*", "");
            for (Matcher matcher = role.matcher(sql); matcher.find(); ) {
                roles.put(matcher.group(1), matcher.group(2));
            }
            for (Matcher matcher = database.matcher(sql); matcher.find(); ) {
                databases.put(matcher.group(1), matcher.group(2));
            }
        }
        return new InitScript(roles, databases);
    }

    /** The arguments of each instruction with this keyword, comments and line continuations resolved. */
    private static List<List<String>> instructions(Path dockerfile, String keyword) {
        String text = read(dockerfile).replaceAll("(?m)^\\s*#.*\\R", "").replaceAll("\\\\\\R", " ");
        return text.lines().map(String::strip).map(line -> List.of(line.split("\\s+")))
                .filter(words -> words.get(0).equalsIgnoreCase(keyword))
                .map(words -> words.subList(1, words.size()))
                .toList();
    }

    /** The variables the ENV instructions set (one {@code KEY=value} each, the value maybe quoted, as here). */
    private static Map<String, String> environment(Path dockerfile) {
        Pattern variable = Pattern.compile("(?m)^ENV\\s+(\\w+)=(?:\"([^\"]*)\"|'([^']*)'|(\\S+))\\s*$");
        Map<String, String> environment = new LinkedHashMap<>();
        for (Matcher matcher = variable.matcher(read(dockerfile)); matcher.find(); ) {
            String value = matcher.group(2) != null ? matcher.group(2)
                    : matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            environment.put(matcher.group(1), value);
        }
        return environment;
    }

    /** The files a COPY source names in the build context: one, or those its wildcards match in its directory. */
    private static List<Path> matches(Path context, String source) {
        Path path = context.resolve(source).normalize();
        if (!source.contains("*") && !source.contains("?")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(path.getParent())) {
            return List.of();
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
            files.forEach(matches::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matches;
    }

    // --- Reading ---

    private static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new AssertionError(file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<Object> list(Object value) {
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return value == null ? List.of() : List.of(value);
    }
}
