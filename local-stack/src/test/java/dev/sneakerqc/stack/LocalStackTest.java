package dev.sneakerqc.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sneakerqc.infra.support.Directories;
import dev.sneakerqc.infra.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack as {@code ./stack} runs it, on free ports and a temporary data folder: the first start brings
 * everything up with the demo data, the second keeps the data and loads nothing again, a taken port is named.
 */
class LocalStackTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dataDir;
    private static StackSettings settings;

    @BeforeAll
    static void settings() {
        dataDir = Directories.createTemp("sneakerqc-stack-test-");
        Path projectDir = Path.of(System.getProperty("stack.project-dir", ".."));
        settings = StackSettings.resolve(projectDir, Map.of(
                "postgres-port", Integer.toString(FreePorts.pick()),
                "kafka-port", Integer.toString(FreePorts.pick()),
                "catalog-port", Integer.toString(FreePorts.pick()),
                "qc-port", Integer.toString(FreePorts.pick()),
                "data-dir", dataDir.toString()), Map.of());
    }

    @AfterAll
    static void deleteData() {
        Directories.deleteQuietly(dataDir, System.getLogger(LocalStackTest.class.getName()));
    }

    @Test
    void firstStartLoadsTheDemoDataAndTheSecondKeepsIt() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

        try (LocalStack stack = new LocalStack(settings, console).start()) {
            stack.printAddresses();
            assertThat(status(stack.catalogUrl() + "/q/swagger-ui/")).isEqualTo(200);
            assertThat(status(stack.qcUrl() + "/q/swagger-ui/")).isEqualTo(200);
            assertThat(status(stack.catalogUrl() + "/q/health/ready")).isEqualTo(200);
            assertThat(status(stack.qcUrl() + "/q/health/ready")).isEqualTo(200);

            assertThat(json(stack.catalogUrl() + "/api/factories")).hasSize(5);
            List<String> statuses = batchStatuses(stack);
            assertThat(statuses).hasSize(7).contains("PLANNED", "IN_PRODUCTION", "IN_QC", "RELEASED", "REJECTED");
            assertThat(statuses.stream().filter("RELEASED"::equals)).hasSize(1);
            assertThat(statuses.stream().filter("REJECTED"::equals)).hasSize(1);
            List<String> inspections = StreamSupport.stream(json(stack.qcUrl() + "/api/inspections").get("items")
                    .spliterator(), false).map(item -> item.get("status").asText()).toList();
            assertThat(inspections).containsExactlyInAnyOrder("OPEN", "OPEN", "ACCEPTED", "REJECTED");
        }
        String first = output.toString(StandardCharsets.UTF_8);
        assertThat(first).contains("(new data)", "demo data ......... loaded: 5 factories",
                settings.catalogPort() + "/q/swagger-ui", "Kafka", "PostgreSQL ........ stopped");

        output.reset();
        try (LocalStack stack = new LocalStack(settings, console).start()) {
            assertThat(batchStatuses(stack)).hasSize(7);
        }
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("(existing data)", "demo data ......... loaded on an earlier start");
    }

    @Test
    void aTakenPortIsNamedWithTheOptionThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(settings.kafkaPort()));
            LocalStack stack = new LocalStack(settings, new Console(new PrintStream(new ByteArrayOutputStream())));
            assertThatThrownBy(stack::start).isInstanceOf(StackFailure.class)
                    .hasMessageContaining("port " + settings.kafkaPort() + " (Kafka broker port) is already in use")
                    .hasMessageContaining("--kafka-port=<port> or STACK_KAFKA_PORT=<port>");
        }
    }

    @Test
    void portsComeFromOptionsThenEnvironmentThenDefaults() {
        StackSettings resolved = StackSettings.resolve(Path.of("/checkout"), Map.of("qc-port", "9082"),
                Map.of("STACK_QC_PORT", "7082", "STACK_CATALOG_PORT", "7081"));
        assertThat(resolved.qcPort()).isEqualTo(9082);
        assertThat(resolved.catalogPort()).isEqualTo(7081);
        assertThat(resolved.postgresPort()).isEqualTo(5432);
        assertThat(resolved.dataDir()).isEqualTo(Path.of("/checkout/.local-stack"));
        assertThatThrownBy(() -> StackSettings.resolve(Path.of("."), Map.of("qc-port", "80000"), Map.of()))
                .hasMessageContaining("--qc-port (STACK_QC_PORT) must be a port number");
        assertThatThrownBy(() -> StackSettings.resolve(Path.of("."), Map.of("qc-prot", "8082"), Map.of()))
                .hasMessageContaining("unknown option --qc-prot");
    }

    private static List<String> batchStatuses(LocalStack stack) throws Exception {
        return StreamSupport.stream(json(stack.catalogUrl() + "/api/batches").get("items").spliterator(), false)
                .map(item -> item.get("status").asText()).toList();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
