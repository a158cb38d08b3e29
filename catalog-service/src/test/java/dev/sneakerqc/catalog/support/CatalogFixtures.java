package dev.sneakerqc.catalog.support;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Creates factories, models and batches through the public API, with codes unique to each call. */
public final class CatalogFixtures {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private CatalogFixtures() {
    }

    public static String uniqueCode(String prefix, int length) {
        StringBuilder code = new StringBuilder(prefix);
        while (code.length() < length) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public static Map<String, Object> factoryBody(String code, String country) {
        return Map.of("code", code, "name", "Factory " + code, "city", "Skowhegan", "region", "ME",
                "country", country);
    }

    public static String factory(String country) {
        String code = uniqueCode("F", 8);
        given().contentType(ContentType.JSON).body(factoryBody(code, country))
                .when().post("/api/factories").then().statusCode(201);
        return code;
    }

    public static Map<String, Object> bomLine(String component, String material, String origin, long cents) {
        return Map.of("component", component, "material", material, "originCountry", origin,
                "unitValueCents", cents);
    }

    /** A bill of materials worth 10.00 whose US share is exactly {@code usCents}/1000. */
    public static List<Map<String, Object>> bomWithUsShare(long usCents) {
        return List.of(
                bomLine("UPPER", "pigskin suede", "US", usCents - 200),
                bomLine("LABOUR", "assembly, Maine", "US", 200),
                bomLine("OUTSOLE", "Vibram rubber", "IT", 1000 - usCents));
    }

    public static Map<String, Object> modelBody(String styleCode, List<Map<String, Object>> bom) {
        return Map.of("styleCode", styleCode, "name", "990v6 " + styleCode, "line", "990", "category", "RUNNING",
                "billOfMaterials", bom);
    }

    public static String model(List<Map<String, Object>> bom) {
        String styleCode = uniqueCode("M", 9);
        given().contentType(ContentType.JSON).body(modelBody(styleCode, bom))
                .when().post("/api/models").then().statusCode(201);
        return styleCode;
    }

    public static Map<String, Object> planBody(String styleCode, String factoryCode, int quantity) {
        return Map.of("styleCode", styleCode, "factoryCode", factoryCode, "quantity", quantity,
                "materialLots", List.of(Map.of("component", "OUTSOLE", "supplierLotNumber", "VIB-" + styleCode)));
    }

    /** Plans a batch of a fresh US model at a fresh US factory; returns its id. */
    public static String batch() {
        return batch(model(bomWithUsShare(800)), factory("US"));
    }

    public static String batch(String styleCode, String factoryCode) {
        return given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, 1200))
                .when().post("/api/batches").then().statusCode(201).extract().path("id");
    }

    public static void completeStage(String batchId, String stage) {
        given().contentType(ContentType.JSON).body(Map.of("stage", stage))
                .when().post("/api/batches/{id}/stages", batchId).then().statusCode(200);
    }

    public static final List<String> STAGES =
            List.of("MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED");
}
