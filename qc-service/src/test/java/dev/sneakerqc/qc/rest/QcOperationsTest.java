package dev.sneakerqc.qc.rest;

import dev.sneakerqc.qc.support.QcTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QcTest
class QcOperationsTest {

    @Test
    void readinessCoversDatabaseOutboxAndTheConsumer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "outbox", "consumers"))
                .body("checks.find { it.name == 'consumers' }.data.'production-events.running'", equalTo(true))
                .body("checks.find { it.name == 'consumers' }.data.'production-events.group'", equalTo("qc-service"));
    }

    @Test
    void metricsAndApiDescriptionAreServed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("outbox_pending"));
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/sampling-plans'.get", notNullValue())
                .body("paths.'/api/inspections/{batchId}/results'.post", notNullValue())
                .body("paths.'/api/streams/{factoryCode}/{line}/corrective-actions'.post", notNullValue())
                .body("paths.'/api/batches/{batchId}/durability'.get", notNullValue());
    }

    @Test
    void clientErrorsAreProblems() {
        given().contentType("application/json").body("{\"sampleUnit\": ")
                .when().post("/api/inspections/7b0c1c1e-3f59-4c0e-a4a5-6a1f62b0a001/results")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("status", "DONE").when().get("/api/inspections")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().when().get("/api/streams/NOPE/990").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/batches/not-a-uuid/durability").then().statusCode(404);
    }
}
