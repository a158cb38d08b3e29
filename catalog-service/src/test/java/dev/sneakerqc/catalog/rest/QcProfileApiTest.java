package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class QcProfileApiTest {

    static Map<String, Object> profile(String level, double major, double minor) {
        List<Map<String, Object>> tests = new ArrayList<>();
        tests.add(test("SOLE_BOND", "CRITICAL", 3.5, null, "N/mm"));
        tests.add(test("OUTSOLE_FLEX", "MAJOR", null, 4.0, "mm"));
        tests.add(test("OUTSOLE_ABRASION", "MAJOR", null, 150, "mm³"));
        tests.add(test("RUB_FASTNESS", "MINOR", 3, null, null));
        return Map.of("inspectionLevel", level, "aql", Map.of("MAJOR", major, "MINOR", minor), "tests", tests);
    }

    static Map<String, Object> test(String method, String defectClass, Number min, Number max, String unit) {
        Map<String, Object> test = new HashMap<>();
        test.put("method", method);
        test.put("defectClass", defectClass);
        test.put("min", min);
        test.put("max", max);
        test.put("unit", unit);
        return test;
    }

    @Test
    void eachChangeCreatesTheNextVersion() {
        String styleCode = model(bomWithUsShare(800));
        given().when().get("/api/models/{s}/qc-profile", styleCode).then().statusCode(404)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON).body(profile("S-3", 2.5, 4.0))
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(201)
                .header("Location", endsWith("/api/models/" + styleCode + "/qc-profile/versions/1"))
                .body("version", equalTo(1))
                .body("styleCode", equalTo(styleCode))
                .body("inspectionLevel", equalTo("S-3"))
                .body("aql.MAJOR", equalTo(2.5f))
                .body("aql.MINOR", equalTo(4.0f))
                .body("tests", hasSize(4))
                .body("tests.find { it.method == 'RUB_FASTNESS' }.unit", equalTo("grade"))
                .body("tests.find { it.method == 'OUTSOLE_FLEX' }.min", nullValue())
                .body("createdAt", notNullValue());

        // The same content again changes nothing.
        given().contentType(ContentType.JSON).body(profile("S-3", 2.5, 4.0))
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(200).body("version", equalTo(1));

        given().contentType(ContentType.JSON).body(profile("S-4", 1.5, 4.0))
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(201).body("version", equalTo(2));

        given().when().get("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(200).body("version", equalTo(2)).body("inspectionLevel", equalTo("S-4"));
        given().when().get("/api/models/{s}/qc-profile/versions/1", styleCode)
                .then().statusCode(200).body("version", equalTo(1)).body("aql.MAJOR", equalTo(2.5f));
        given().when().get("/api/models/{s}/qc-profile/versions/3", styleCode).then().statusCode(404);
        given().when().get("/api/models/{s}/qc-profile/versions/first", styleCode).then().statusCode(404);
    }

    @Test
    void anUnknownModelHasNoProfile() {
        given().contentType(ContentType.JSON).body(profile("S-3", 2.5, 4.0))
                .when().put("/api/models/NOSUCH9/qc-profile")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/models/NOSUCH9/qc-profile").then().statusCode(404);
    }

    @Test
    void invalidProfilesNameTheFieldAtFault() {
        String styleCode = model(bomWithUsShare(800));
        given().contentType(ContentType.JSON).body(profile("S-5", 2.5, 4.0))
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("inspectionLevel"))
                .body("errors[0].message", containsString("S-1, S-2, S-3, S-4, I, II, III"));

        given().contentType(ContentType.JSON).body(profile("II", 3.0, 4.0))
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("aql.MAJOR"))
                .body("errors[0].message", containsString("0.065"));

        Map<String, Object> body = new HashMap<>(profile("S-3", 2.5, 4.0));
        List<Map<String, Object>> tests = new ArrayList<>();
        tests.add(test("SOLE_BOND", "CRITICAL", 3.5, null, "N/mm"));
        tests.add(test("SOLE_BOND", "MAJOR", 2.5, null, "N/mm"));
        tests.add(test("OUTSOLE_FLEX", "MAJOR", null, null, "mm"));
        tests.add(test("RUB_FASTNESS", "MINOR", 3, 9, "grade"));
        tests.add(test("SHOCK_ATTENUATION", "MINOR", 15, 12, "kg"));
        body.put("tests", tests);
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(400)
                .body("errors.field", hasItem("tests[1].method"))
                .body("errors.field", hasItem("tests[2]"))
                .body("errors.field", hasItem("tests[3].max"))
                .body("errors.field", hasItem("tests[4].max"))
                .body("errors.field", hasItem("tests[4].unit"));

        body.put("tests", List.of(test("TORSION", "MAJOR", 1, null, null)));
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/models/{s}/qc-profile", styleCode)
                .then().statusCode(400).body("errors[0].field", equalTo("tests[0].method"));

        given().when().get("/api/models/{s}/qc-profile", styleCode).then().statusCode(404);
    }
}
