package dev.sneakerqc.qc.messaging;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.CatalogStub;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production events delivered again (a consumer's redelivery after a crash, the catalog's relay sending an event
 * again, the same event twice in one poll) change nothing: QC has one batch, one inspection, one record of each
 * event applied, and dead-letters none of the repeats.
 */
@QcTest
class RepeatedEventsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchsEventsDeliveredAgainChangeNothing() throws Exception {
        String factory = QcFixtures.uniqueCode("D", 6);
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1);
        CatalogStub.instance().putProfile(profile);
        UUID batchId = UUID.randomUUID();
        List<EventEnvelope> events = ProductionEventsWriter.finishedBatch(batchId, QcFixtures.batchNumber(factory),
                profile.styleCode(), factory, "990", 40);
        try (ProductionEventsWriter writer = new ProductionEventsWriter()) {
            writer.write(events);
            Inspections.awaitStatus(batchId, "OPEN");

            writer.write(events);
            writer.write(events.get(2));
            writer.write(events.get(2));
            writer.write(events);
            // A record QC dead-letters, after the repeats in the batch's partition: once it is dead-lettered, the
            // repeats before it have been consumed.
            writer.writeRaw(batchId.toString(), "not json".getBytes(StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> deadLetters = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLettersOf(batchId), found -> !found.isEmpty());

        assertThat(deadLetters).as("only the poison record is dead-lettered, none of the repeats").hasSize(1);
        assertThat(number("select count(*) from inspection where batch_id = ?", batchId)).isEqualTo(1);
        assertThat(number("select last_production_sequence from qc_batch where batch_id = ?", batchId))
                .isEqualTo(events.size());
        for (EventEnvelope event : events) {
            assertThat(number("select count(*) from processed_event where event_id = ?", event.eventId()))
                    .as("records of event %d", event.sequence()).isEqualTo(1);
        }
        Inspections.awaitStatus(batchId, "OPEN");
    }

    private long number(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static List<Map<String, Object>> deadLettersOf(UUID batchId) {
        List<Map<String, Object>> items = given().queryParam("size", 500).get("/api/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> batchId.toString().equals(item.get("key"))).toList();
    }
}
