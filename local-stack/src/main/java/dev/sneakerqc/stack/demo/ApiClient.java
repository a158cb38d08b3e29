package dev.sneakerqc.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to one of the services' public APIs; any answer other than 2xx is a {@link DemoDataFailure}. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** The body of a GET, or {@code null} on 404. */
    JsonNode find(String path) {
        Answer answer = exchange("GET", path, null);
        return answer.status() == 404 ? null : answer.require("GET", path);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, Object body) {
        return exchange(method, path, body).require(method, path);
    }

    private Answer exchange(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new DemoDataFailure(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoDataFailure("interrupted during " + method + " " + baseUrl + path, e);
        }
    }

    private record Answer(int status, byte[] body) {

        JsonNode require(String method, String path) {
            if (status / 100 != 2) {
                throw new DemoDataFailure(method + " " + path + " answered " + status + ": "
                        + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new DemoDataFailure(method + " " + path + " answered something that is not JSON", e);
            }
        }
    }
}
