package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.sneakerqc.catalog.support.CatalogFixtures.bomLine;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static dev.sneakerqc.catalog.support.CatalogFixtures.planBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With {@code catalog.label.policy=FTC_ALL_OR_VIRTUALLY_ALL} the label follows the FTC standard. */
@QuarkusTest
@TestProfile(FtcLabelPolicyTest.FtcPolicy.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class FtcLabelPolicyTest {

    public static class FtcPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.label.policy", "FTC_ALL_OR_VIRTUALLY_ALL");
        }
    }

    @Test
    void seventyPercentIsNotEnoughUnderTheFtcStandard() {
        String usFactory = factory("US");
        given().contentType(ContentType.JSON).body(planBody(model(bomWithUsShare(800)), usFactory, 100))
                .when().post("/api/batches")
                .then().statusCode(201)
                .body("label", equalTo("NOT_ELIGIBLE"))
                .body("labelPolicy", equalTo("FTC_ALL_OR_VIRTUALLY_ALL"))
                .body("labelReason", containsString("below 0.98"));

        List<Map<String, Object>> allUs = List.of(
                bomLine("UPPER", "suede", "US", 5000),
                bomLine("OUTSOLE", "rubber", "US", 3000),
                bomLine("EYELETS", "brass", "TW", 40),
                bomLine("LABOUR", "assembly", "US", 1960));
        given().contentType(ContentType.JSON).body(planBody(model(allUs), usFactory, 100))
                .when().post("/api/batches")
                .then().statusCode(201)
                .body("label", equalTo("MADE_IN_USA"))
                .body("domesticValueShare", equalTo(0.996f));
    }
}
