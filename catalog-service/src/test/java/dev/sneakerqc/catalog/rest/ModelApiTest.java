package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sneakerqc.catalog.support.CatalogFixtures.bomLine;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static dev.sneakerqc.catalog.support.CatalogFixtures.modelBody;
import static dev.sneakerqc.catalog.support.CatalogFixtures.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class ModelApiTest {

    @Test
    void registersAModelWithItsDomesticValueShare() {
        String styleCode = uniqueCode("M990", 9);
        List<Map<String, Object>> bom = List.of(
                bomLine("UPPER", "pigskin suede and mesh", "US", 4200),
                bomLine("MIDSOLE", "ENCAP EVA/PU", "US", 1800),
                bomLine("OUTSOLE", "blown rubber", "CN", 1500),
                bomLine("LACES", "polyester", "US", 100),
                bomLine("LABOUR", "lasting and finishing, Maine", "US", 2400));
        given().contentType(ContentType.JSON).body(modelBody(styleCode, bom))
                .when().post("/api/models")
                .then().statusCode(201)
                .header("Location", endsWith("/api/models/" + styleCode))
                .body("styleCode", equalTo(styleCode))
                .body("category", equalTo("RUNNING"))
                .body("billOfMaterials", hasSize(5))
                .body("totalValueCents", equalTo(10000))
                .body("domesticValueCents", equalTo(8500))
                .body("domesticValueShare", equalTo(0.85f));

        given().when().get("/api/models/{styleCode}", styleCode)
                .then().statusCode(200).body("domesticValueShare", equalTo(0.85f));
        given().when().get("/api/models").then().statusCode(200).body("styleCode", hasItem(styleCode));
    }

    @Test
    void putRevisesTheModel() {
        String styleCode = model(bomWithUsShare(800));
        Map<String, Object> revised = new HashMap<>(modelBody(styleCode, bomWithUsShare(650)));
        revised.put("name", "990v6 Revised");
        revised.remove("styleCode");
        given().contentType(ContentType.JSON).body(revised)
                .when().put("/api/models/{styleCode}", styleCode)
                .then().statusCode(200)
                .body("name", equalTo("990v6 Revised"))
                .body("domesticValueShare", equalTo(0.65f));
        given().when().get("/api/models/{styleCode}", styleCode)
                .then().body("name", equalTo("990v6 Revised"));
    }

    @Test
    void putWithAnotherStyleCodeIsRejected() {
        String styleCode = model(bomWithUsShare(800));
        given().contentType(ContentType.JSON).body(modelBody("OTHER1", bomWithUsShare(800)))
                .when().put("/api/models/{styleCode}", styleCode)
                .then().statusCode(400).body("errors[0].field", equalTo("styleCode"));
    }

    @Test
    void putOnAnUnknownModelIsNotFound() {
        given().contentType(ContentType.JSON).body(modelBody("NOSUCH1", bomWithUsShare(800)))
                .when().put("/api/models/NOSUCH1")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTakenStyleCodeIsAConflict() {
        String styleCode = model(bomWithUsShare(800));
        given().contentType(ContentType.JSON).body(modelBody(styleCode, bomWithUsShare(800)))
                .when().post("/api/models")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void invalidBillOfMaterialsNamesTheLine() {
        List<Map<String, Object>> bom = List.of(bomLine("UPPER", "suede", "US", 100),
                bomLine("OUTSOLE", "rubber", "Italy", -5));
        given().contentType(ContentType.JSON).body(modelBody(uniqueCode("BAD", 8), bom))
                .when().post("/api/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("billOfMaterials[1].originCountry"))
                .body("errors.field", hasItem("billOfMaterials[1].unitValueCents"));

        given().contentType(ContentType.JSON).body(modelBody(uniqueCode("BAD", 8), List.of()))
                .when().post("/api/models")
                .then().statusCode(400).body("errors[0].field", equalTo("billOfMaterials"));

        given().contentType(ContentType.JSON)
                .body(modelBody(uniqueCode("BAD", 8), List.of(bomLine("UPPER", "suede", "US", 0))))
                .when().post("/api/models")
                .then().statusCode(400).body("errors[0].field", equalTo("billOfMaterials"));
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        List<Map<String, Object>> bom = List.of(bomLine("TONGUE", "suede", "US", 100));
        given().contentType(ContentType.JSON).body(modelBody(uniqueCode("ENUM", 8), bom))
                .when().post("/api/models")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("billOfMaterials[0].component"))
                .body("errors[0].message", containsString("UPPER, LINING, MIDSOLE"));

        Map<String, Object> body = new HashMap<>(modelBody(uniqueCode("ENUM", 8), bomWithUsShare(800)));
        body.put("category", "BASKETBALL");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/models")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("category"))
                .body("errors[0].message", containsString("RUNNING, LIFESTYLE, TRAIL, WALKING"));
    }

    @Test
    void aMissingStyleCodeOnPostIsInvalid() {
        Map<String, Object> body = new HashMap<>(modelBody("X", bomWithUsShare(800)));
        body.remove("styleCode");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/models")
                .then().statusCode(400).body("errors[0].field", equalTo("styleCode"));
    }
}
