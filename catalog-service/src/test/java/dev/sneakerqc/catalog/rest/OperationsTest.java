package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class OperationsTest {

    @Test
    void readinessCoversDatabaseKafkaAndTheOutbox() {
        batch();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "outbox", "consumers"))
                .body("checks.find { it.name == 'consumers' }.data.'qc-events.running'", equalTo(true))
                .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("reachable"))
                .body("checks.find { it.name == 'outbox' }.data.pendingEvents", notNullValue())
                .body("checks.find { it.name == 'outbox' }.data.oldestPendingAgeMillis", notNullValue());
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        batch();
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("outbox_pending"))
                .body(containsString("outbox_oldest_pending_age_seconds"))
                .body(containsString("outbox_publish_latency_seconds"))
                .body(containsString("outbox_published_total"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", notNullValue())
                .body("paths.'/api/batches/{id}/stages'.post", notNullValue())
                .body("paths.'/api/models/{styleCode}/qc-profile'.put", notNullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
