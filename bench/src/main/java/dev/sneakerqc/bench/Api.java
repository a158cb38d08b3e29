package dev.sneakerqc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** JSON over HTTP to the services, for setting up the data the measurements run on (not for measuring). */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The bench's factories and model in the catalog; the model has a QC profile, so QC opens its inspections.
     * Batches are planned across 16 factories because planning takes the factory's batch-number counter row
     * until commit, so plans of one factory run one at a time.
     */
    static final List<String> FACTORIES = java.util.stream.IntStream.range(0, 16)
            .mapToObj(i -> "BEN%02d".formatted(i)).toList();
    static final String FACTORY = FACTORIES.getFirst();
    static final String MODEL = "BENCH990";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public JsonNode get(String url) {
        return send("GET", url, null, true);
    }

    /** The body, or {@code null} on 404. */
    public JsonNode find(String url) {
        return send("GET", url, null, false);
    }

    public JsonNode post(String url, Object body) {
        return send("POST", url, body, true);
    }

    public JsonNode put(String url, Object body) {
        return send("PUT", url, body, true);
    }

    private JsonNode send(String method, String url, Object body, boolean require) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 && !require) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new BenchFailure(method + " " + url + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BenchFailure(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted during " + method + " " + url);
        }
    }

    /** Registers the bench's factory and model (with its QC profile) in the catalog unless they are there. */
    public void ensureReferenceData(String catalogUrl) {
        for (String factory : FACTORIES) {
            if (find(catalogUrl + "/api/factories/" + factory) == null) {
                post(catalogUrl + "/api/factories", Map.of("code", factory, "name", "Bench factory " + factory,
                        "city", "Lawrence", "region", "MA", "country", "US"));
            }
        }
        if (find(catalogUrl + "/api/models/" + MODEL) == null) {
            post(catalogUrl + "/api/models", Map.of("styleCode", MODEL, "name", "Bench 990", "line", "990",
                    "category", "RUNNING", "billOfMaterials", List.of(
                            bom("UPPER", "pigskin suede and mesh", "US", 5200),
                            bom("MIDSOLE", "ENCAP EVA with polyurethane rim", "US", 1900),
                            bom("OUTSOLE", "blown rubber", "CN", 1700),
                            bom("LABOUR", "cutting, stitching and lasting", "US", 4100))));
            put(catalogUrl + "/api/models/" + MODEL + "/qc-profile", Map.of("inspectionLevel", "S-3",
                    "aql", Map.of("MAJOR", 2.5, "MINOR", 4.0), "tests", List.of(
                            Map.of("method", "SOLE_BOND", "defectClass", "CRITICAL", "min", 3.5),
                            Map.of("method", "OUTSOLE_ABRASION", "defectClass", "MAJOR", "max", 150),
                            Map.of("method", "RUB_FASTNESS", "defectClass", "MINOR", "min", 3))));
        }
    }

    private static Map<String, Object> bom(String component, String material, String origin, int cents) {
        return Map.of("component", component, "material", material, "originCountry", origin, "unitValueCents", cents);
    }

    /** Plans {@code count} batches of the bench's model through the API, {@code parallel} at a time; their ids. */
    public List<String> planBatches(String catalogUrl, int count, int parallel) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                Map<String, Object> plan = Map.of("styleCode", MODEL, "factoryCode", FACTORIES.get(w % FACTORIES.size()),
                        "quantity", 500, "materialLots", List.of(Map.of("component", "OUTSOLE",
                                "supplierLotNumber", "VIB-BENCH-1")));
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        ids.add(post(catalogUrl + "/api/batches", plan).get("id").asText());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof BenchFailure failure ? failure
                            : new BenchFailure("planning batches failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BenchFailure("interrupted while planning batches");
                }
            }
        }
        return new ArrayList<>(ids);
    }
}
