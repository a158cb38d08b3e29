package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.sneakerqc.catalog.support.CatalogFixtures.factoryBody;
import static dev.sneakerqc.catalog.support.CatalogFixtures.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class FactoryApiTest {

    @Test
    void registersListsAndGetsAFactory() {
        String code = uniqueCode("SK", 6);
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Skowhegan", "city", "Skowhegan", "region", "ME", "country", "US"))
                .when().post("/api/factories")
                .then().statusCode(201)
                .header("Location", endsWith("/api/factories/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("Skowhegan"))
                .body("country", equalTo("US"))
                .body("createdAt", notNullValue());

        given().when().get("/api/factories/{code}", code)
                .then().statusCode(200).body("city", equalTo("Skowhegan")).body("region", equalTo("ME"));
        given().when().get("/api/factories")
                .then().statusCode(200).body("code", hasItem(code));
    }

    @Test
    void aTakenCodeIsAConflict() {
        String code = uniqueCode("DU", 6);
        given().contentType(ContentType.JSON).body(factoryBody(code, "US")).post("/api/factories")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(factoryBody(code, "US")).post("/api/factories")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("code", equalTo(code));
    }

    @Test
    void invalidFieldsAreNamed() {
        Map<String, Object> body = new HashMap<>(factoryBody(uniqueCode("IV", 6), "USA"));
        given().contentType(ContentType.JSON).body(body).post("/api/factories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:sneakerqc:problem:validation-failed"))
                .body("errors[0].field", equalTo("country"));

        body.put("country", "XX");
        given().contentType(ContentType.JSON).body(body).post("/api/factories")
                .then().statusCode(400).body("errors[0].field", equalTo("country"));

        body.put("country", "US");
        body.put("code", "sko");
        body.remove("name");
        given().contentType(ContentType.JSON).body(body).post("/api/factories")
                .then().statusCode(400)
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void anUnknownFactoryIsNotFound() {
        given().when().get("/api/factories/NOPE42")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/factories/NOPE42"));
    }
}
