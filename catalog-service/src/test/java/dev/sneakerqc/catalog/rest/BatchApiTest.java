package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static dev.sneakerqc.catalog.support.CatalogFixtures.planBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class BatchApiTest {

    @Test
    void plansABatch() {
        String styleCode = model(bomWithUsShare(800));
        String factoryCode = factory("US");
        int year = Year.now(ZoneOffset.UTC).getValue();
        String id = given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, 1200))
                .when().post("/api/batches")
                .then().statusCode(201)
                .header("Location", containsString("/api/batches/"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("batchNumber", equalTo(factoryCode + "-" + year + "-000001"))
                .body("status", equalTo("PLANNED"))
                .body("stage", nullValue())
                .body("nextStage", equalTo("MATERIALS_SOURCED"))
                .body("quantity", equalTo(1200))
                .body("label", equalTo("MADE_IN_USA"))
                .body("labelReason", containsString("0.8000 is at least 0.70"))
                .body("materialLots[0].supplierLotNumber", equalTo("VIB-" + styleCode))
                .extract().path("id");
        given().when().get("/api/batches/{id}", id)
                .then().statusCode(200).body("batchNumber", equalTo(factoryCode + "-" + year + "-000001"));
        // Numbers count per factory.
        given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, 10))
                .when().post("/api/batches")
                .then().statusCode(201).body("batchNumber", endsWith("-000002"));
    }

    @Test
    void theLabelRuleHoldsAtTheThreshold() {
        String usFactory = factory("US");
        given().contentType(ContentType.JSON).body(planBody(model(bomWithUsShare(699)), usFactory, 100))
                .when().post("/api/batches")
                .then().statusCode(201)
                .body("label", equalTo("NOT_ELIGIBLE"))
                .body("domesticValueShare", equalTo(0.699f))
                .body("labelReason", containsString("below 0.70"));
        given().contentType(ContentType.JSON).body(planBody(model(bomWithUsShare(700)), usFactory, 100))
                .when().post("/api/batches")
                .then().statusCode(201)
                .body("label", equalTo("MADE_IN_USA"))
                .body("domesticValueShare", equalTo(0.7f));
        given().contentType(ContentType.JSON).body(planBody(model(bomWithUsShare(1000)), factory("VN"), 100))
                .when().post("/api/batches")
                .then().statusCode(201)
                .body("label", equalTo("NOT_ELIGIBLE"))
                .body("labelReason", containsString("not in the US"));
    }

    @Test
    void quantityMustBeFromOneTo500000Pairs() {
        String styleCode = model(bomWithUsShare(800));
        String factoryCode = factory("US");
        for (int quantity : new int[]{0, 500_001, -3}) {
            given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, quantity))
                    .when().post("/api/batches")
                    .then().statusCode(400).body("errors[0].field", equalTo("quantity"));
        }
        given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, 500_000))
                .when().post("/api/batches").then().statusCode(201);
        given().contentType(ContentType.JSON).body(planBody(styleCode, factoryCode, 1))
                .when().post("/api/batches").then().statusCode(201);
        Map<String, Object> huge = new HashMap<>(planBody(styleCode, factoryCode, 1));
        huge.put("quantity", 99_999_999_999L);
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/api/batches").then().statusCode(400).body("errors[0].field", equalTo("quantity"));
    }

    @Test
    void unknownModelOrFactoryIsUnprocessable() {
        String styleCode = model(bomWithUsShare(800));
        given().contentType(ContentType.JSON).body(planBody("NOSUCH7", "NOFAC7", 10))
                .when().post("/api/batches")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("styleCode"))
                .body("errors.field", hasItem("factoryCode"));
        given().contentType(ContentType.JSON).body(planBody(styleCode, "NOFAC7", 10))
                .when().post("/api/batches")
                .then().statusCode(422).body("errors", hasSize(1)).body("errors[0].field", equalTo("factoryCode"));
    }

    @Test
    void materialLotsMustBelongToTheBillOfMaterials() {
        Map<String, Object> body = new HashMap<>(planBody(model(bomWithUsShare(800)), factory("US"), 10));
        body.put("materialLots", List.of(
                Map.of("component", "OUTSOLE", "supplierLotNumber", "R-1"),
                Map.of("component", "EYELETS", "supplierLotNumber", "E-1")));
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/batches")
                .then().statusCode(422).body("errors[0].field", equalTo("materialLots[1].component"));
        body.put("materialLots", List.of(Map.of("component", "OUTSOLE", "supplierLotNumber", " ")));
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/batches")
                .then().statusCode(400).body("errors.field", hasItem("materialLots[0].supplierLotNumber"));
    }

    @Test
    void stagesComeInOrderAndFinishingSendsTheBatchToQc() {
        String id = batch();
        for (int i = 0; i < STAGES.size(); i++) {
            String stage = STAGES.get(i);
            given().contentType(ContentType.JSON).body(Map.of("stage", stage))
                    .when().post("/api/batches/{id}/stages", id)
                    .then().statusCode(200)
                    .body("stage", equalTo(stage))
                    .body("status", equalTo(i == STAGES.size() - 1 ? "IN_QC" : "IN_PRODUCTION"));
        }
        given().when().get("/api/batches/{id}/history", id)
                .then().statusCode(200)
                .body("batchId", equalTo(id))
                .body("plannedAt", notNullValue())
                .body("stages.stage", equalTo(STAGES))
                .body("stages.sequence", equalTo(List.of(2, 3, 4, 5, 6)))
                .body("stages.completedAt", everyItem(notNullValue()));
        given().when().get("/api/batches/{id}", id)
                .then().body("status", equalTo("IN_QC")).body("nextStage", nullValue());
    }

    @Test
    void aStageOutOfOrderIsAConflictNamingBothStages() {
        String id = batch();
        given().contentType(ContentType.JSON).body(Map.of("stage", "STITCHED"))
                .when().post("/api/batches/{id}/stages", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("batchStatus", equalTo("PLANNED"))
                .body("currentStage", nullValue())
                .body("requestedStage", equalTo("STITCHED"))
                .body("expectedStage", equalTo("MATERIALS_SOURCED"))
                .body("detail", containsString("out of order"));

        completeStage(id, "MATERIALS_SOURCED");
        given().contentType(ContentType.JSON).body(Map.of("stage", "MATERIALS_SOURCED"))
                .when().post("/api/batches/{id}/stages", id)
                .then().statusCode(409)
                .body("currentStage", equalTo("MATERIALS_SOURCED"))
                .body("requestedStage", equalTo("MATERIALS_SOURCED"))
                .body("expectedStage", equalTo("PATTERN_CUT"))
                .body("detail", containsString("again"));
        given().contentType(ContentType.JSON).body(Map.of("stage", "FINISHED"))
                .when().post("/api/batches/{id}/stages", id)
                .then().statusCode(409)
                .body("currentStage", equalTo("MATERIALS_SOURCED"))
                .body("requestedStage", equalTo("FINISHED"));
    }

    @Test
    void aFinishedBatchTakesNoMoreStages() {
        String id = batch();
        STAGES.forEach(stage -> completeStage(id, stage));
        for (String stage : List.of("FINISHED", "MATERIALS_SOURCED")) {
            given().contentType(ContentType.JSON).body(Map.of("stage", stage))
                    .when().post("/api/batches/{id}/stages", id)
                    .then().statusCode(409)
                    .body("batchStatus", equalTo("IN_QC"))
                    .body("currentStage", equalTo("FINISHED"))
                    .body("requestedStage", equalTo(stage))
                    .body("expectedStage", nullValue());
        }
    }

    @Test
    void concurrentRequestsForTheSameStageCompleteItOnce() throws Exception {
        String id = batch();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("stage", "MATERIALS_SOURCED"))
                        .post("/api/batches/{id}/stages", id).statusCode()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get(30, TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnly(200, 409);
            assertThat(codes).filteredOn(code -> code == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/batches/{id}/history", id)
                .then().body("stages.stage", equalTo(List.of("MATERIALS_SOURCED")))
                .body("stages.sequence", equalTo(List.of(2)));
    }

    @Test
    void badStageRequestsAreClientErrors() {
        String id = batch();
        given().contentType(ContentType.JSON).body(Map.of("stage", "GLUED"))
                .when().post("/api/batches/{id}/stages", id)
                .then().statusCode(400).body("errors[0].field", equalTo("stage"));
        given().contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/batches/{id}/stages", id)
                .then().statusCode(400).body("errors[0].field", equalTo("stage"));
        given().contentType(ContentType.JSON).body(Map.of("stage", "PATTERN_CUT"))
                .when().post("/api/batches/{id}/stages", "7b0c1c1e-3f59-4c0e-a4a5-6a1f62b0a001")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        for (String id : List.of("7b0c1c1e-3f59-4c0e-a4a5-6a1f62b0a001", "not-a-uuid", "1-2-3-4-5")) {
            given().when().get("/api/batches/{id}", id)
                    .then().statusCode(404).contentType("application/problem+json");
            given().when().get("/api/batches/{id}/history", id).then().statusCode(404);
        }
    }

    @Test
    void searchFindsBatchesByStatusFactoryModelAndSupplierLot() {
        String styleCode = model(bomWithUsShare(800));
        String factoryCode = factory("US");
        String first = batch(styleCode, factoryCode);
        String second = batch(styleCode, factoryCode);
        String other = batch();
        completeStage(second, "MATERIALS_SOURCED");

        given().queryParam("factoryCode", factoryCode).when().get("/api/batches")
                .then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", equalTo(List.of(second, first)));
        given().queryParam("factoryCode", factoryCode).queryParam("status", "IN_PRODUCTION")
                .when().get("/api/batches")
                .then().body("items.id", equalTo(List.of(second)));
        given().queryParam("styleCode", styleCode).queryParam("size", 1).queryParam("page", 1)
                .when().get("/api/batches")
                .then().body("items.id", equalTo(List.of(first)))
                .body("page", equalTo(1)).body("size", equalTo(1))
                .body("totalItems", equalTo(2)).body("totalPages", equalTo(2));
        // The recall question: which batches used this supplier lot?
        given().queryParam("supplierLot", "VIB-" + styleCode).when().get("/api/batches")
                .then().body("items.id", equalTo(List.of(second, first)));
        given().queryParam("supplierLot", "VIB-NOSUCHLOT").when().get("/api/batches")
                .then().body("totalItems", equalTo(0)).body("items", hasSize(0));
        given().when().get("/api/batches").then().statusCode(200).body("items.id", hasItem(other));
    }

    @Test
    void badSearchParametersAreNamed() {
        given().queryParam("status", "SHIPPED").when().get("/api/batches")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", containsString("PLANNED, IN_PRODUCTION, IN_QC, RELEASED, REJECTED"));
        given().queryParam("size", 500).when().get("/api/batches")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().queryParam("page", "first").when().get("/api/batches")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
    }
}
