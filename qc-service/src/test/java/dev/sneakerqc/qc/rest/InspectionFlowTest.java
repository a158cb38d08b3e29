package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.VerdictIssued;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.qc.support.DeadLetterQueries;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.sneakerqc.qc.support.QcFixtures.record;
import static dev.sneakerqc.qc.support.QcFixtures.result;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** A finished batch from production-events to a verdict on qc-events. */
@QcTest
class InspectionFlowTest {

    @Inject
    AgroalDataSource dataSource;

    private ProductionEventsWriter writer;
    private String factory;

    @BeforeEach
    void setUp() {
        writer = new ProductionEventsWriter();
        factory = QcFixtures.uniqueCode("Q", 6);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private QcProfile profile() {
        return QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 3);
    }

    @Test
    void aFinishedBatchIsSampledTestedAndAccepted() throws Exception {
        QcProfile profile = profile();
        UUID batchId = Inspections.finishedBatch(writer, profile, factory, "990", 1200);
        JsonPath opened = Inspections.awaitStatus(batchId, "OPEN");
        assertThat(opened.getInt("profileVersion")).isEqualTo(3);
        assertThat(opened.getString("inspectionLevel")).isEqualTo("S-3");
        assertThat(opened.getInt("lotSize")).isEqualTo(1200);
        assertThat(opened.getInt("samplePairs")).isEqualTo(20);
        assertThat(opened.getString("classes.MAJOR.codeLetter")).isEqualTo("E");
        assertThat(opened.getInt("classes.MAJOR.sampleSize")).isEqualTo(20);
        assertThat(opened.getInt("classes.MAJOR.acceptNumber")).isEqualTo(1);
        assertThat(opened.getInt("classes.MAJOR.rejectNumber")).isEqualTo(2);
        assertThat(opened.getString("classes.MAJOR.severity")).isEqualTo("NORMAL");
        assertThat(opened.getInt("classes.MINOR.pairs")).isEqualTo(13);
        assertThat(opened.getInt("classes.CRITICAL.rejectNumber")).isEqualTo(1);
        assertThat(opened.getInt("progress.testsRequired")).isEqualTo(20 + 40 + 13);

        // One MAJOR pair fails: 1 nonconforming is within Ac 1.
        String verdict = QcFixtures.recordUntilDecided(batchId, profile,
                Map.of(DefectClass.CRITICAL, 20, DefectClass.MAJOR, 20, DefectClass.MINOR, 13), List.of(7));
        assertThat(verdict).isEqualTo("ACCEPTED");
        JsonPath decided = Inspections.awaitStatus(batchId, "ACCEPTED");
        assertThat(decided.getInt("classes.MAJOR.nonconforming")).isEqualTo(1);
        assertThat(decided.getString("classes.MAJOR.decision")).isEqualTo("ACCEPTED");
        assertThat(decided.getFloat("progress.percent")).isEqualTo(100.0f);

        given().get("/api/batches/{id}/durability", batchId).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("methods", hasSize(4))
                .body("methods.find { it.method == 'OUTSOLE_FLEX' }.pairsTested", equalTo(20))
                .body("methods.find { it.method == 'OUTSOLE_FLEX' }.failed", equalTo(1))
                .body("methods.find { it.method == 'OUTSOLE_FLEX' }.max", equalTo(4.0f))
                .body("methods.find { it.method == 'SOLE_BOND' }.passed", equalTo(20))
                .body("methods.find { it.method == 'SOLE_BOND' }.lowest", equalTo(4.5f))
                .body("methods.find { it.method == 'SOLE_BOND' }.mean", equalTo(4.5f))
                .body("methods.find { it.method == 'RUB_FASTNESS' }.pairsTested", equalTo(13));

        List<ConsumerRecord<String, byte[]>> events = qcEvents(batchId, 75);
        assertThat(events).hasSize(75);
        for (int i = 0; i < events.size(); i++) {
            assertThat(EventSchemas.violations(EventJson.mapper().readTree(events.get(i).value()))).isEmpty();
            assertThat(EventJson.read(events.get(i).value()).sequence()).isEqualTo(i + 1);
        }
        EventEnvelope first = EventJson.read(events.getFirst().value());
        InspectionOpened openedEvent = first.dataAs(QcEvents.INSPECTION_OPENED);
        assertThat(openedEvent.profile().version()).isEqualTo(3);
        assertThat(openedEvent.plans().get(DefectClass.MAJOR).sampleSize()).isEqualTo(20);
        VerdictIssued verdictEvent = EventJson.read(events.getLast().value()).dataAs(QcEvents.VERDICT_ISSUED);
        assertThat(verdictEvent.verdict().name()).isEqualTo("ACCEPTED");
        assertThat(verdictEvent.classes().get(DefectClass.MAJOR).nonconforming()).isEqualTo(1);
    }

    @Test
    void aCriticalFailureRejectsAtOnceAndTheInspectionTakesNoMoreResults() {
        QcProfile profile = profile();
        UUID batchId = Inspections.finishedBatch(writer, profile, factory, "990", 1200);
        Inspections.awaitStatus(batchId, "OPEN");
        record(batchId, 1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2.1"));
        given().contentType(ContentType.JSON).body(result(2, DurabilityTestMethod.SOLE_BOND, new BigDecimal("2.9")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(201)
                .body("passed", equalTo(false))
                .body("inspectionStatus", equalTo("REJECTED"))
                .body("verdict", equalTo("REJECTED"));
        given().contentType(ContentType.JSON).body(result(3, DurabilityTestMethod.SOLE_BOND, new BigDecimal("4.0")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("inspectionStatus", equalTo("REJECTED"));
        JsonPath rejected = Inspections.awaitStatus(batchId, "REJECTED");
        assertThat(rejected.getString("classes.CRITICAL.decision")).isEqualTo("REJECTED");
        assertThat(rejected.getString("classes.MAJOR.decision")).isEqualTo("PENDING");
        List<ConsumerRecord<String, byte[]>> events = qcEvents(batchId, 4);
        assertThat(EventJson.read(events.getLast().value()).type()).isEqualTo("VerdictIssued");
    }

    @Test
    void aSecondResultNeedsToBeACorrectionWithAReason() {
        QcProfile profile = profile();
        UUID batchId = Inspections.finishedBatch(writer, profile, factory, "990", 1200);
        Inspections.awaitStatus(batchId, "OPEN");
        record(batchId, 1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("5.2"));
        given().contentType(ContentType.JSON).body(result(1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2.5")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(409).body("detail", containsString("correction")).body("recordedValue", equalTo(5.2f));
        Map<String, Object> correction = result(1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2.5"));
        correction.put("correction", true);
        given().contentType(ContentType.JSON).body(correction)
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        correction.put("reason", "read the gauge in inches by mistake");
        given().contentType(ContentType.JSON).body(correction)
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(201).body("correction", equalTo(true)).body("passed", equalTo(true));
        given().get("/api/inspections/{id}", batchId).then().body("classes.MAJOR.nonconforming", equalTo(0));
        given().get("/api/inspections/{id}/results", batchId).then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].value", equalTo(5.2f))
                .body("[0].correction", equalTo(false))
                .body("[1].value", equalTo(2.5f))
                .body("[1].replacedValue", equalTo(5.2f))
                .body("[1].reason", equalTo("read the gauge in inches by mistake"));

        Map<String, Object> nothingToCorrect = result(2, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2.5"));
        nothingToCorrect.put("correction", true);
        nothingToCorrect.put("reason", "typo");
        given().contentType(ContentType.JSON).body(nothingToCorrect)
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(422).body("errors[0].field", equalTo("correction"));
    }

    @Test
    void badResultsAreClientErrors() {
        QcProfile profile = profile();
        UUID batchId = Inspections.finishedBatch(writer, profile, factory, "990", 1200);
        Inspections.awaitStatus(batchId, "OPEN");
        // MINOR tests run on pairs 1..13 only; the sample is 20 pairs.
        given().contentType(ContentType.JSON).body(result(14, DurabilityTestMethod.RUB_FASTNESS, new BigDecimal("4")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(422).body("errors[0].field", equalTo("sampleUnit"))
                .body("errors[0].message", containsString("1..13"));
        given().contentType(ContentType.JSON).body(result(21, DurabilityTestMethod.SOLE_BOND, new BigDecimal("4")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(422).body("errors[0].field", equalTo("sampleUnit"));
        given().contentType(ContentType.JSON).body(result(1, DurabilityTestMethod.SHOCK_ATTENUATION, new BigDecimal("9")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(422).body("errors[0].field", equalTo("method"))
                .body("errors[0].message", containsString("SOLE_BOND"));
        given().contentType(ContentType.JSON)
                .body("{\"sampleUnit\":1,\"method\":\"OUTSOLE_FLEX\",\"value\":\"NaN\",\"technician\":\"a\",\"equipmentId\":\"b\"}")
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON)
                .body("{\"sampleUnit\":1,\"method\":\"OUTSOLE_FLEX\",\"value\":\"Infinity\",\"technician\":\"a\",\"equipmentId\":\"b\"}")
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON)
                .body("{\"sampleUnit\":1,\"method\":\"OUTSOLE_FLEX\",\"value\":1e999,\"technician\":\"a\",\"equipmentId\":\"b\"}")
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON).body(result(1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("-1")))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        Map<String, Object> anonymous = result(1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2"));
        anonymous.remove("technician");
        given().contentType(ContentType.JSON).body(anonymous)
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(400).body("errors[0].field", equalTo("technician"));
        given().contentType(ContentType.JSON).body(result(1, DurabilityTestMethod.OUTSOLE_FLEX, new BigDecimal("2")))
                .when().post("/api/inspections/{id}/results", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/inspections/not-a-batch").then().statusCode(404);
        given().get("/api/inspections/{id}", batchId).then().body("progress.testsRecorded", equalTo(0));
    }

    /**
     * Production events delivered again (a redelivery after a crash, the catalog's relay sending an event again, the
     * same event twice in a row, as one poll may hold it) change nothing: one batch at its last sequence, one
     * inspection, one record of each event applied, one QC event, and none of the repeats dead-lettered.
     */
    @Test
    void replayedProductionEventsChangeNothing() throws Exception {
        List<EventEnvelope> events = Inspections.finishedBatchEvents(profile(), factory, "990", 50);
        UUID batchId = events.getFirst().batchId();
        writer.write(events);
        Inspections.awaitStatus(batchId, "OPEN");
        writer.write(events);
        writer.write(events.subList(2, 6));
        writer.write(events.get(2));
        writer.write(events.get(2));
        // A record QC dead-letters, after the repeats in the batch's partition: once it is dead-lettered, the repeats
        // before it have been consumed.
        writer.writeRaw(batchId.toString(), "not json".getBytes(StandardCharsets.UTF_8));
        List<Map<String, Object>> deadLetters = await().atMost(Duration.ofSeconds(30))
                .until(() -> DeadLetterQueries.ofBatch(batchId), found -> !found.isEmpty());
        assertThat(deadLetters).as("only the poison record is dead-lettered, none of the repeats").hasSize(1);
        assertThat(number("select count(*) from inspection where batch_id = ?", batchId)).isEqualTo(1);
        assertThat(number("select last_production_sequence from qc_batch where batch_id = ?", batchId))
                .isEqualTo(events.size());
        for (EventEnvelope event : events) {
            assertThat(number("select count(*) from processed_event where event_id = ?", event.eventId()))
                    .as("records of event %d", event.sequence()).isEqualTo(1);
        }
        List<ConsumerRecord<String, byte[]>> qc = qcEvents(batchId, 1);
        try (TopicReader reader = qcEventsReader()) {
            assertThat(reader.readFor(Set.of(batchId.toString()), Duration.ofSeconds(3))).hasSize(1);
        }
        assertThat(qc).hasSize(1);
        given().get("/api/inspections?status=OPEN&size=200").then().statusCode(200)
                .body("items.findAll { it.batchId == '" + batchId + "' }", hasSize(1));
        given().get("/api/inspections/{id}", batchId).then().body("verdict", nullValue());
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

    private static List<ConsumerRecord<String, byte[]>> qcEvents(UUID batchId, int atLeast) {
        try (TopicReader reader = qcEventsReader()) {
            return reader.readUntil(Set.of(batchId.toString()), found -> found.size() >= atLeast, Duration.ofSeconds(30));
        }
    }

    private static TopicReader qcEventsReader() {
        return new TopicReader(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "qc-events");
    }
}
