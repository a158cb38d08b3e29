package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.DeadLetterQueries;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Events that arrived out of order are dead-lettered ("sequence gap"); once the missing event is in, an operator
 * redrives them and they apply. Redriving a dead letter twice changes nothing.
 */
@QcTest
class DeadLetterRedriveTest {

    @Test
    void deadLettersAreListedAndRedrivenOnce() {
        String factory = QcFixtures.uniqueCode("R", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        List<EventEnvelope> events = Inspections.finishedBatchEvents(profile, factory, "990", 40);
        UUID batchId = events.getFirst().batchId();
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            writer.write(events.get(0));
            writer.write(events.get(2)); // sequence 3 before 2: a gap
            writer.write(events.get(1));
            writer.write(events.subList(3, 6)); // 4, 5, 6 follow 3, which is missing
        }
        List<Map<String, Object>> deadLetters = await().atMost(Duration.ofSeconds(30)).until(
                () -> DeadLetterQueries.ofBatch(batchId), found -> found.size() == 4);
        deadLetters = deadLetters.stream()
                .sorted(Comparator.comparingLong(letter -> ((Number) letter.get("offset")).longValue())).toList();
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat((String) letter.get("reason")).startsWith("sequence gap");
            assertThat(letter.get("topic")).isEqualTo("production-events");
            assertThat(letter.get("redrivenAt")).isNull();
        });
        given().get("/api/inspections/{id}", batchId).then().statusCode(404);

        for (Map<String, Object> letter : deadLetters) {
            given().post("/api/admin/dead-letters/{id}/redrive", letter.get("id"))
                    .then().statusCode(202).body("redrivenAt", notNullValue());
        }
        JsonPath opened = Inspections.awaitStatus(batchId, "OPEN");
        assertThat(opened.getInt("lotSize")).isEqualTo(40);

        Object first = deadLetters.getFirst().get("id");
        String redrivenAt = given().get("/api/admin/dead-letters/{id}", first).then().extract().path("redrivenAt");
        given().post("/api/admin/dead-letters/{id}/redrive", first)
                .then().statusCode(202).body("redrivenAt", equalTo(redrivenAt));
        assertThat(DeadLetterQueries.ofBatch(batchId)).hasSize(4);
        given().get("/api/admin/dead-letters/999999999").then().statusCode(404);
        given().queryParam("redriven", "maybe").get("/api/admin/dead-letters").then().statusCode(400);
    }
}
