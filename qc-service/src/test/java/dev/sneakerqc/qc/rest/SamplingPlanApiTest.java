package dev.sneakerqc.qc.rest;

import dev.sneakerqc.qc.support.QcTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QcTest
class SamplingPlanApiTest {

    @Test
    void answersThePlanOfALot() {
        given().queryParam("lotSize", 1000).queryParam("aql", "1.5").queryParam("level", "II")
                .queryParam("severity", "NORMAL")
                .when().get("/api/sampling-plans")
                .then().statusCode(200)
                .body("codeLetter", equalTo("J"))
                .body("sampleSize", equalTo(80))
                .body("acceptNumber", equalTo(3))
                .body("rejectNumber", equalTo(4))
                .body("inspectAll", equalTo(false));
        given().queryParam("lotSize", 20).queryParam("aql", "1.5").queryParam("level", "I")
                .when().get("/api/sampling-plans")
                .then().statusCode(200).body("codeLetter", equalTo("B")).body("sampleSize", equalTo(8))
                .body("acceptNumber", equalTo(0)).body("rejectNumber", equalTo(1));
        given().queryParam("lotSize", 5000).queryParam("aql", "1.50").queryParam("severity", "TIGHTENED")
                .when().get("/api/sampling-plans")
                .then().statusCode(200).body("codeLetter", equalTo("L")).body("acceptNumber", equalTo(5));
        given().queryParam("lotSize", 6).queryParam("aql", "0.65").queryParam("level", "S-3")
                .when().get("/api/sampling-plans")
                .then().statusCode(200).body("inspectAll", equalTo(true));
    }

    @Test
    void badParametersListTheAllowedValues() {
        given().queryParam("lotSize", 0).queryParam("aql", "3").queryParam("level", "IV").queryParam("severity", "LAX")
                .when().get("/api/sampling-plans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("lotSize"))
                .body("errors.field", hasItem("aql"))
                .body("errors.field", hasItem("level"))
                .body("errors.field", hasItem("severity"))
                .body("errors.find { it.field == 'aql' }.message", containsString("0.065, 0.10, 0.15"))
                .body("errors.find { it.field == 'level' }.message", containsString("S-1, S-2, S-3, S-4, I, II, III"))
                .body("errors.find { it.field == 'severity' }.message", containsString("NORMAL, TIGHTENED, REDUCED"));
        given().when().get("/api/sampling-plans")
                .then().statusCode(400).body("errors.field", hasItem("lotSize")).body("errors.field", hasItem("aql"));
        given().queryParam("lotSize", "many").queryParam("aql", "two")
                .when().get("/api/sampling-plans")
                .then().statusCode(400).body("errors.field", hasItem("lotSize"));
    }
}
