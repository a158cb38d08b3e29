package dev.sneakerqc.qc;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "qc"))
class QcServiceStartsTest {

    @Test
    void startsReadyAgainstPostgresWithItsSchemaMigrated() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().when().get("/api/info")
                .then().statusCode(200)
                .body("name", equalTo("qc-service"))
                .body("schemaVersion", equalTo("1"));
    }
}
