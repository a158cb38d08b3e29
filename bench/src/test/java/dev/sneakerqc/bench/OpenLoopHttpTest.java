package dev.sneakerqc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator against the JDK's own HTTP server on this machine. */
class OpenLoopHttpTest {

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    @Test
    void sendsEveryRequestOnScheduleOverReusedConnections() throws IOException {
        start(exchange -> respond(exchange, 200, "{\"ok\":true}", false));
        OpenLoopHttp http = client();

        OpenLoopHttp.Outcome outcome = http.run(100, 200, post(http));

        assertThat(outcome.failures()).isZero();
        assertThat(outcome.firstFailure()).isNull();
        assertThat(outcome.latencies().getTotalCount()).isEqualTo(100);
        // Request 99 is due 495 ms after request 0.
        assertThat(outcome.sendingNanos() / 1e6).isBetween(495.0, 560.0);
        assertThat(received).hasSize(100).contains("POST /api/things/0 {\"n\":0}", "POST /api/things/99 {\"n\":99}");
        // An answered request leaves its connection for the next: a few connections, not one per request.
        assertThat(clientPorts).hasSizeLessThan(10);
    }

    @Test
    void slowAnswersDoNotHoldBackTheNextRequestsAndCountFromTheirScheduledTime() throws IOException {
        start(exchange -> {
            sleep(Duration.ofMillis(300));
            respond(exchange, 200, "late", false);
        });
        OpenLoopHttp http = client();

        OpenLoopHttp.Outcome outcome = http.run(40, 100, post(http));

        assertThat(outcome.failures()).isZero();
        assertThat(outcome.sendingNanos() / 1e6).isBetween(390.0, 460.0);
        assertThat(outcome.latencies().getValueAtPercentile(50) / 1e6).isBetween(300.0, 600.0);
        // About 30 requests are on their way at once, each on its own connection.
        assertThat(clientPorts.size()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void answersOtherThan2xxAreFailuresWithStatusAndBody() throws IOException {
        start(exchange -> {
            boolean odd = exchange.getRequestURI().getPath().matches(".*[13579]$");
            // 0 as the length: the JDK server sends the body chunked.
            respond(exchange, odd ? 409 : 200, odd ? "{\"title\":\"stage out of order\"}" : "{}", true);
        });
        OpenLoopHttp http = client();

        OpenLoopHttp.Outcome outcome = http.run(20, 200, post(http));

        assertThat(outcome.failures()).isEqualTo(10);
        assertThat(outcome.firstFailure()).isEqualTo("request 1: 409 {\"title\":\"stage out of order\"}");
    }

    @Test
    void connectionClosedByTheServerIsReplaced() throws IOException {
        start(exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            respond(exchange, 200, "bye", false);
        });
        OpenLoopHttp http = client();

        OpenLoopHttp.Outcome outcome = http.run(20, 200, post(http));

        assertThat(outcome.failures()).isZero();
        assertThat(clientPorts).hasSize(20);
    }

    @Test
    void requestNotAnsweredInTimeFails() throws IOException {
        start(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/2")) {
                sleep(Duration.ofSeconds(5));
            }
            respond(exchange, 200, "{}", false);
        });
        OpenLoopHttp http = new OpenLoopHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofMillis(500), Duration.ofSeconds(10));

        OpenLoopHttp.Outcome outcome = http.run(5, 100, post(http));

        assertThat(outcome.failures()).isEqualTo(1);
        assertThat(outcome.firstFailure()).startsWith("request 2: no answer within PT0.5S");
        assertThat(outcome.latencies().getMaxValue() / 1e6).isBetween(500.0, 2_000.0);
    }

    @Test
    void serverNotListeningFailsEachRequest() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OpenLoopHttp http = new OpenLoopHttp(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1),
                Duration.ofSeconds(5));

        OpenLoopHttp.Outcome outcome = http.run(3, 100, post(http));

        assertThat(outcome.failures()).isEqualTo(3);
        assertThat(outcome.firstFailure()).startsWith("request 0: connecting to").contains("refused");
    }

    private void start(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try (exchange) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
                handler.handle(exchange);
            }
        });
        server.start();
    }

    private OpenLoopHttp client() {
        return new OpenLoopHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private static IntFunction<byte[]> post(OpenLoopHttp http) {
        return i -> {
            String body = "{\"n\":" + i + "}";
            return (http.head("POST", "/api/things/" + i, "application/json", body.length()) + body)
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static void respond(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
