package dev.sneakerqc.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Loads the demo data ({@code demo-data.json}) into a running system through its public APIs only, as a planner and
 * a QC technician would enter it, so that every step is also an event on Kafka: factories, models with bills of
 * materials and QC profiles, then batches left at different stages, some of them inspected, one released and one
 * rejected.
 */
public final class DemoData {

    /** The production stages in order, as the catalog expects them. */
    static final List<String> STAGES = List.of("MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED");

    private static final Duration QC_WAIT = Duration.ofSeconds(90);

    private final ApiClient catalog;
    private final ApiClient qc;
    private final Consumer<String> progress;
    private final JsonNode data;

    public DemoData(String catalogUrl, String qcUrl, Consumer<String> progress) {
        this.catalog = new ApiClient(catalogUrl);
        this.qc = new ApiClient(qcUrl);
        this.progress = progress;
        this.data = read();
    }

    /** What was loaded. */
    public record Summary(int factories, int models, int batches, int released, int rejected, int inspected) {
        @Override
        public String toString() {
            return factories + " factories, " + models + " models with QC profiles, " + batches + " batches ("
                    + inspected + " inspected: " + released + " released, " + rejected + " rejected)";
        }
    }

    /** Whether the catalog already holds factories, i.e. somebody has entered data (demo or real). */
    public boolean catalogHasData() {
        return catalog.get("/api/factories").size() > 0;
    }

    /** Loads everything; on any refused request stops with a {@link DemoDataFailure} naming it. */
    public Summary load() {
        for (JsonNode factory : data.get("factories")) {
            catalog.post("/api/factories", factory);
        }
        progress.accept(data.get("factories").size() + " factories registered");
        for (JsonNode model : data.get("models")) {
            Map<String, Object> request = new LinkedHashMap<>();
            for (String field : List.of("styleCode", "name", "line", "category", "billOfMaterials")) {
                request.put(field, model.get(field));
            }
            catalog.post("/api/models", request);
            catalog.put("/api/models/" + model.get("styleCode").asText() + "/qc-profile",
                    data.get("profiles").get(model.get("profile").asText()));
        }
        progress.accept(data.get("models").size() + " models with bills of materials and QC profiles");

        List<PlannedBatch> batches = new ArrayList<>();
        for (JsonNode batch : data.get("batches")) {
            batches.add(planAndProduce(batch));
        }
        progress.accept(batches.size() + " batches planned and produced");

        int released = 0;
        int rejected = 0;
        int inspected = 0;
        for (PlannedBatch batch : batches) {
            if (batch.stagesCompleted() < STAGES.size()) {
                continue;
            }
            JsonNode inspection = awaitInspectionOpen(batch.id());
            switch (batch.inspection()) {
                case "pass" -> {
                    recordAll(batch.id(), inspection, false);
                    awaitBatchStatus(batch.id(), "RELEASED");
                    released++;
                    inspected++;
                }
                case "critical-failure" -> {
                    recordAll(batch.id(), inspection, true);
                    awaitBatchStatus(batch.id(), "REJECTED");
                    rejected++;
                    inspected++;
                }
                case "in-progress" -> {
                    recordClass(batch.id(), inspection, "CRITICAL", false);
                    inspected++;
                }
                case "none" -> {
                    // left open for a technician
                }
                default -> throw new DemoDataFailure("unknown inspection outcome '" + batch.inspection() + "'");
            }
        }
        progress.accept(inspected + " inspections with results");
        return new Summary(data.get("factories").size(), data.get("models").size(), batches.size(), released,
                rejected, inspected);
    }

    private record PlannedBatch(String id, int stagesCompleted, String inspection) {
    }

    private PlannedBatch planAndProduce(JsonNode batch) {
        Map<String, Object> plan = new LinkedHashMap<>();
        for (String field : List.of("styleCode", "factoryCode", "quantity", "materialLots")) {
            plan.put(field, batch.get(field));
        }
        String id = catalog.post("/api/batches", plan).get("id").asText();
        int stages = batch.get("stagesCompleted").asInt();
        for (String stage : STAGES.subList(0, stages)) {
            catalog.post("/api/batches/" + id + "/stages", Map.of("stage", stage));
        }
        return new PlannedBatch(id, stages, batch.get("inspection").asText());
    }

    /** QC opens the inspection when it has read BatchFinished from Kafka and fetched the model's QC profile. */
    private JsonNode awaitInspectionOpen(String batchId) {
        return awaitStatus(qc, "/api/inspections/" + batchId, "OPEN", status -> "the inspection of batch " + batchId
                + " is " + status + ", not OPEN; is qc-service consuming production-events?");
    }

    private void awaitBatchStatus(String batchId, String expected) {
        awaitStatus(catalog, "/api/batches/" + batchId, expected, status -> "batch " + batchId + " is " + status
                + ", not " + expected + ", after its verdict; is the catalog consuming qc-events?");
    }

    /** Polls {@code path} until its {@code status} is {@code expected}; else fails, saying where it stands. */
    private static JsonNode awaitStatus(ApiClient api, String path, String expected, Function<String, String> failure) {
        Instant deadline = Instant.now().plus(QC_WAIT);
        String status = "not there yet";
        while (Instant.now().isBefore(deadline)) {
            JsonNode resource = api.find(path);
            if (resource != null) {
                status = resource.get("status").asText();
                if (status.equals(expected)) {
                    return resource;
                }
            }
            pause();
        }
        throw new DemoDataFailure(failure.apply(status) + " (waited " + QC_WAIT.toSeconds() + " s)");
    }

    /** Every test of the profile on every pair its class samples; with {@code failFirstCritical} pair 1 fails. */
    private void recordAll(String batchId, JsonNode inspection, boolean failFirstCritical) {
        recordClass(batchId, inspection, "CRITICAL", failFirstCritical);
        if (failFirstCritical) {
            return; // a critical nonconformity rejects the batch at once; QC takes no further results
        }
        recordClass(batchId, inspection, "MAJOR", false);
        recordClass(batchId, inspection, "MINOR", false);
    }

    private void recordClass(String batchId, JsonNode inspection, String defectClass, boolean failFirst) {
        JsonNode plan = inspection.path("classes").path(defectClass);
        if (plan.isMissingNode()) {
            return;
        }
        int pairs = plan.get("pairs").asInt();
        JsonNode profile = catalog.get("/api/models/" + inspection.get("styleCode").asText() + "/qc-profile/versions/"
                + inspection.get("profileVersion").asInt());
        for (JsonNode test : profile.get("tests")) {
            if (!test.get("defectClass").asText().equals(defectClass)) {
                continue;
            }
            for (int pair = 1; pair <= pairs; pair++) {
                boolean fail = failFirst && pair == 1;
                qc.post("/api/inspections/" + batchId + "/results", Map.of(
                        "sampleUnit", pair,
                        "method", test.get("method").asText(),
                        "value", measurement(test, pair, fail),
                        "technician", pair % 2 == 0 ? "ana.lopez" : "sam.okafor",
                        "equipmentId", "SATRA-LAB-" + test.get("method").asText().length() % 4));
                if (fail) {
                    return;
                }
            }
        }
    }

    /** A plausible reading: inside the limit by a pair-dependent margin, or clearly outside it when failing. */
    static BigDecimal measurement(JsonNode test, int pair, boolean fail) {
        boolean hasMin = test.hasNonNull("min");
        BigDecimal limit = hasMin ? test.get("min").decimalValue() : test.get("max").decimalValue();
        if (test.get("method").asText().equals("RUB_FASTNESS")) {
            return fail ? limit.subtract(BigDecimal.ONE) : limit.add(BigDecimal.ONE); // whole grey-scale grades
        }
        BigDecimal factor;
        if (fail) {
            factor = hasMin ? new BigDecimal("0.6") : new BigDecimal("1.5");
        } else {
            BigDecimal spread = new BigDecimal(pair % 5).multiply(new BigDecimal("0.03"));
            factor = hasMin ? new BigDecimal("1.15").add(spread) : new BigDecimal("0.55").add(spread);
        }
        return limit.multiply(factor).setScale(1, RoundingMode.HALF_UP);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoDataFailure("interrupted while waiting for QC");
        }
    }

    private static JsonNode read() {
        try (InputStream in = DemoData.class.getResourceAsStream("demo-data.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-data.json is missing next to " + DemoData.class.getName());
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
