package dev.sneakerqc.qc.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Reads QC's dead letters through its admin API. */
public final class DeadLetterQueries {

    private DeadLetterQueries() {
    }

    /** The dead letters whose record key is this batch id (among the latest 500). */
    public static List<Map<String, Object>> ofBatch(UUID batchId) {
        List<Map<String, Object>> items = given().queryParam("size", 500).get("/api/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> batchId.toString().equals(item.get("key"))).toList();
    }
}
