package dev.sneakerqc.qc.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts replays and waits for them. */
public final class Replays {

    private Replays() {
    }

    public static String start(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/admin/replay")
                .then().statusCode(202).extract().path("id");
    }

    public static JsonPath awaitDone(String replayId) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = given().get("/api/admin/replay/{id}", replayId).then().statusCode(200).extract().jsonPath();
            assertThat(last[0].getString("status")).as("replay %s: %s", replayId, last[0].prettify())
                    .isIn("DONE", "FAILED");
        });
        assertThat(last[0].getString("status")).as(last[0].prettify()).isEqualTo("DONE");
        return last[0];
    }

    public static String digest() {
        return given().get("/api/admin/state-digest").then().statusCode(200).extract().path("sha256");
    }
}
