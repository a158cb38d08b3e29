package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.sneakerqc.catalog.support.CatalogFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** Every client error is a 4xx problem+json document naming what is wrong; none is a 500. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ProblemResponsesTest {

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"code\": \"SKO\", \"name\": ")
                .when().post("/api/factories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sneakerqc:problem:malformed-json"))
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("not json at all")
                .when().post("/api/batches")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        given().contentType(ContentType.JSON)
                .when().post("/api/factories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void wrongJsonTypesNameTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"styleCode\":\"M1\",\"factoryCode\":\"F1\",\"quantity\":\"many\"}")
                .when().post("/api/batches")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("quantity"))
                .body("errors[0].message", containsString("whole number"));
        given().contentType(ContentType.JSON)
                .body("{\"styleCode\":\"M1\",\"factoryCode\":\"F1\",\"quantity\":5,\"materialLots\":{\"a\":1}}")
                .when().post("/api/batches")
                .then().statusCode(400).body("errors[0].field", equalTo("materialLots"));
        given().contentType(ContentType.JSON).body("[1,2,3]")
                .when().post("/api/factories")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anOversizeBodyIsTooLarge() {
        String big = "{\"name\":\"" + "x".repeat(400 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(big)
                .when().post("/api/factories")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void anOversizeBodySentInChunksIsTooLarge() {
        byte[] big = ("{\"name\":\"" + "x".repeat(400 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(big))
                .when().post("/api/factories")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void aBodySentInChunksWithinTheLimitIsRead() {
        String code = CatalogFixtures.uniqueCode("CH", 6);
        byte[] body = ("{\"code\":\"" + code + "\",\"name\":\"Chunked\",\"city\":\"Norway\",\"region\":\"ME\","
                + "\"country\":\"US\"}").getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(body))
                .when().post("/api/factories")
                .then().statusCode(201).body("code", equalTo(code));
    }

    @Test
    void wrongMethodMediaTypeAndPathAreProblems() {
        given().when().delete("/api/factories")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
        given().contentType(ContentType.XML).body("<factory/>")
                .when().post("/api/factories")
                .then().statusCode(415).contentType("application/problem+json");
        given().when().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().accept(ContentType.XML).when().get("/api/factories")
                .then().statusCode(lessThan(500)).statusCode(406);
    }
}
