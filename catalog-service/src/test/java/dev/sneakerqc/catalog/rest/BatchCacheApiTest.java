package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.persistence.BatchCache;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.TimeOrderedIds;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.infra.quarkus.InfraTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.sneakerqc.catalog.support.CatalogFixtures.STAGES;
import static dev.sneakerqc.catalog.support.CatalogFixtures.batch;
import static dev.sneakerqc.catalog.support.CatalogFixtures.bomWithUsShare;
import static dev.sneakerqc.catalog.support.CatalogFixtures.completeStage;
import static dev.sneakerqc.catalog.support.CatalogFixtures.factory;
import static dev.sneakerqc.catalog.support.CatalogFixtures.model;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches read by id come from the batch cache, and a change shows at once when made through this instance, and
 * once its event has arrived when made through another.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class BatchCacheApiTest {

    @Inject
    BatchCache cache;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void cacheServes() {
        await().atMost(Duration.ofSeconds(30)).until(cache::isServing);
    }

    @Test
    void everyChangeMadeHereIsReadAtOnce() {
        String id = batch(model(bomWithUsShare(800)), factory("US"));
        assertThat(read(id).getString("status")).isEqualTo("PLANNED");
        assertThat(read(id).getString("stage")).isNull();

        for (String stage : STAGES) {
            completeStage(id, stage);
            JsonPath batch = read(id);
            assertThat(batch.getString("stage")).isEqualTo(stage);
            assertThat(batch.getString("status")).isEqualTo(stage.equals("FINISHED") ? "IN_QC" : "IN_PRODUCTION");
            assertThat(read(id).getString("stage")).isEqualTo(stage);
        }
    }

    @Test
    void aChangeMadeElsewhereShowsOnceItsEventArrives() throws SQLException {
        String id = batch(model(bomWithUsShare(800)), factory("US"));
        JsonPath planned = read(id);
        assertThat(read(id).getString("stage")).isNull();

        // Another instance commits the first stage: the row changes, and the event goes into the outbox.
        Instant at = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            changeRow(connection, id, at);
            connection.commit();
            // Its event is not out yet: while the cache serves, the batch is answered as it was.
            boolean servedThroughout = cache.isServing();
            String answered = read(id).getString("stage");
            servedThroughout &= cache.isServing();
            if (servedThroughout) {
                assertThat(answered).as("held until the event arrives").isNull();
            }
            assertThat(given().header("Cache-Control", "no-cache").get("/api/batches/{id}", id)
                    .then().statusCode(200).extract().jsonPath().getString("stage"))
                    .as("read from the database when asked to").isEqualTo("MATERIALS_SOURCED");
            appendEvent(connection, id, planned, at);
            connection.commit();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(read(id).getString("stage")).isEqualTo("MATERIALS_SOURCED"));
        assertThat(read(id).getString("status")).isEqualTo("IN_PRODUCTION");
    }

    private static JsonPath read(String id) {
        return given().get("/api/batches/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void changeRow(Connection connection, String id, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update batch set status = 'IN_PRODUCTION', stage = 'MATERIALS_SOURCED', updated_at = ?,
                       last_event_sequence = 2, version = version + 1
                 where id = ? and last_event_sequence = 1""")) {
            update.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            update.setObject(2, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void appendEvent(Connection connection, String id, JsonPath planned, Instant at)
            throws SQLException {
        EventEnvelope event = EventEnvelope.wrap(ProductionEvents.BATCH_STAGE_COMPLETED, TimeOrderedIds.next(), at,
                UUID.fromString(id), 2, new BatchStageCompleted(planned.getString("batchNumber"),
                        planned.getString("styleCode"), planned.getString("factoryCode"),
                        ProductionStage.MATERIALS_SOURCED, null, BatchStatus.IN_PRODUCTION));
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type,
                                          schema_version, occurred_at, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, Topics.PRODUCTION_EVENTS);
            insert.setString(3, event.aggregateKey());
            insert.setLong(4, event.sequence());
            insert.setString(5, event.type());
            insert.setInt(6, event.schemaVersion());
            insert.setObject(7, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            insert.setString(8, EventJson.write(event));
            insert.executeUpdate();
        }
    }
}
