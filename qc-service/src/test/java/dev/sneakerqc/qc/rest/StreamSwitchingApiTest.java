package dev.sneakerqc.qc.rest;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.EventSchemas;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.infra.kafka.TopicReader;
import dev.sneakerqc.qc.support.CatalogStub;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The Z1.4 switching rules over real lots of one stream. Lots of 10 pairs at S-1, MAJOR AQL 2.5: on normal
 * inspection the plan is n 5, Ac 0 / Re 1; tightened n 8, 0/1; reduced n 2, 0/1. One failing pair rejects a lot.
 */
@QcTest
class StreamSwitchingApiTest {

    private static final String LINE = "990";

    private ProductionEventsWriter writer;
    private QcProfile profile;
    private String factory;

    @BeforeEach
    void setUp() {
        writer = new ProductionEventsWriter();
        profile = QcFixtures.majorOnlyProfile(QcFixtures.uniqueCode("S", 9), InspectionLevel.S_1, "2.5", "4.0");
        factory = QcFixtures.uniqueCode("W", 6);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    /** Inspects one lot: opens it, checks the MAJOR plan's severity and n, and passes or fails it. */
    private UUID lot(String severity, int sampleSize, boolean accept) {
        UUID batchId = Inspections.finishedBatch(writer, profile, factory, LINE, 10);
        JsonPath opened = Inspections.awaitStatus(batchId, "OPEN");
        assertThat(opened.getString("classes.MAJOR.severity")).isEqualTo(severity);
        assertThat(opened.getInt("classes.MAJOR.sampleSize")).isEqualTo(sampleSize);
        for (int pair = 1; pair <= sampleSize; pair++) {
            BigDecimal value = accept ? new BigDecimal("2.0") : new BigDecimal("6.0");
            String verdict = given().contentType(ContentType.JSON)
                    .body(QcFixtures.result(pair, DurabilityTestMethod.OUTSOLE_FLEX, value))
                    .post("/api/inspections/{id}/results", batchId).then().statusCode(201).extract().path("verdict");
            if (verdict != null) {
                assertThat(verdict).isEqualTo(accept ? "ACCEPTED" : "REJECTED");
                return batchId;
            }
        }
        throw new AssertionError("lot " + batchId + " was not decided");
    }

    private JsonPath stream() {
        return given().get("/api/streams/{factory}/{line}", factory, LINE).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void normalTightensAfterTwoLotsNotAcceptedAndRelaxesAfterFiveAccepted() {
        lot("NORMAL", 5, false);
        assertThat(stream().getString("classes.MAJOR.severity")).isEqualTo("NORMAL");
        lot("NORMAL", 5, false);
        assertThat(stream().getString("classes.MAJOR.severity")).isEqualTo("TIGHTENED");
        for (int i = 0; i < 4; i++) {
            lot("TIGHTENED", 8, true);
        }
        assertThat(stream().getInt("classes.MAJOR.consecutiveAccepted")).isEqualTo(4);
        lot("TIGHTENED", 8, true);
        JsonPath relaxed = stream();
        assertThat(relaxed.getString("classes.MAJOR.severity")).isEqualTo("NORMAL");
        assertThat(relaxed.getList("recentLots")).hasSize(14);
        lot("NORMAL", 5, true);

        // Each of the 8 lots is counted for MAJOR and MINOR (16 StreamLotJudged), plus the two changes of MAJOR.
        List<EventEnvelope> all = streamEvents(18);
        assertThat(all).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 18).boxed().toList());
        var lastMajor = all.stream().filter(event -> event.type().equals("StreamLotJudged"))
                .map(event -> event.dataAs(QcEvents.STREAM_LOT_JUDGED))
                .filter(lot -> lot.defectClass().name().equals("MAJOR")).reduce((first, second) -> second).orElseThrow();
        assertThat(lastMajor.stateAfter().severity().name()).isEqualTo("NORMAL");
        assertThat(lastMajor.stateAfter().consecutiveAccepted()).isEqualTo(1);
        List<EventEnvelope> changes = all.stream().filter(event -> event.type().equals("SeverityChanged")).toList();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).dataAs(QcEvents.SEVERITY_CHANGED).to().name()).isEqualTo("TIGHTENED");
        assertThat(changes.get(1).dataAs(QcEvents.SEVERITY_CHANGED).to().name()).isEqualTo("NORMAL");
        assertThat(all.subList(2, 4)).extracting(EventEnvelope::type).as("the second lot for MAJOR, then its change")
                .containsExactly("StreamLotJudged", "SeverityChanged");
    }

    @Test
    void normalReducesAfterTenAcceptedLotsAndReturnsOnALotNotAccepted() {
        for (int i = 0; i < 10; i++) {
            lot("NORMAL", 5, true);
        }
        assertThat(stream().getString("classes.MAJOR.severity")).isEqualTo("REDUCED");
        lot("REDUCED", 2, true);
        lot("REDUCED", 2, false);
        assertThat(stream().getString("classes.MAJOR.severity")).isEqualTo("NORMAL");
        lot("NORMAL", 5, true);
        // 13 lots counted for MAJOR and MINOR; MAJOR reduced then back to normal; MINOR reduced.
        List<EventEnvelope> majorChanges = streamEvents(26 + 3).stream()
                .filter(event -> event.type().equals("SeverityChanged"))
                .filter(event -> event.dataAs(QcEvents.SEVERITY_CHANGED).defectClass().name().equals("MAJOR"))
                .toList();
        assertThat(majorChanges).extracting(event -> event.dataAs(QcEvents.SEVERITY_CHANGED).to().name())
                .containsExactly("REDUCED", "NORMAL");
    }

    @Test
    void fiveLotsNotAcceptedOnTightenedDiscontinueUntilACorrectiveAction() {
        lot("NORMAL", 5, false);
        lot("NORMAL", 5, false);
        for (int i = 0; i < 5; i++) {
            lot("TIGHTENED", 8, false);
        }
        JsonPath discontinued = stream();
        assertThat(discontinued.getBoolean("discontinued")).isTrue();
        assertThat(discontinued.getInt("classes.MAJOR.notAcceptedOnTightened")).isEqualTo(5);

        UUID held = Inspections.finishedBatch(writer, profile, factory, LINE, 10);
        JsonPath onHold = Inspections.awaitStatus(held, "ON_HOLD");
        assertThat(onHold.getString("awaitingReason")).contains("discontinued");

        given().contentType(ContentType.JSON).body(Map.of("description", "lasting crew re-trained", "by", "qc.manager"))
                .post("/api/streams/{factory}/{line}/corrective-actions", factory, LINE)
                .then().statusCode(201)
                .body("resumedClasses", equalTo(List.of("MAJOR")))
                .body("releasedHolds", equalTo(1))
                .body("stream.discontinued", equalTo(false))
                .body("stream.classes.MAJOR.severity", equalTo("TIGHTENED"));
        JsonPath opened = Inspections.awaitStatus(held, "OPEN");
        assertThat(opened.getString("classes.MAJOR.severity")).isEqualTo("TIGHTENED");

        given().contentType(ContentType.JSON).body(Map.of("description", "again", "by", "qc.manager"))
                .post("/api/streams/{factory}/{line}/corrective-actions", factory, LINE)
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("description", "x", "by", "y"))
                .post("/api/streams/{factory}/{line}/corrective-actions", "NOSUCH", LINE)
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("description", " "))
                .post("/api/streams/{factory}/{line}/corrective-actions", factory, LINE)
                .then().statusCode(400).body("errors.field", hasItem("description")).body("errors.field", hasItem("by"));

        List<EventEnvelope> events = streamEvents(14 + 3).stream()
                .filter(event -> !event.type().equals("StreamLotJudged")).toList();
        assertThat(events).extracting(EventEnvelope::type)
                .containsExactly("SeverityChanged", "StreamDiscontinued", "StreamResumed");
        assertThat(events.get(2).dataAs(QcEvents.STREAM_RESUMED).by()).isEqualTo("qc.manager");
        given().get("/api/streams").then().statusCode(200).body("factoryCode", hasItem(factory));
    }

    @Test
    void anInspectionWaitingForItsProfileIsHeldWhenTheProfileComesAfterItsStreamWasDiscontinued() {
        QcProfile later = QcFixtures.majorOnlyProfile(QcFixtures.uniqueCode("S", 9), InspectionLevel.S_1, "2.5", "4.0");
        UUID waiting = UUID.randomUUID();
        writer.write(ProductionEventsWriter.finishedBatch(waiting, QcFixtures.batchNumber(factory), later.styleCode(),
                factory, LINE, 10));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                given().get("/api/inspections/{id}", waiting).jsonPath().getString("awaitingReason"))
                .contains("has no QC profile"));
        lot("NORMAL", 5, false);
        lot("NORMAL", 5, false);
        for (int i = 0; i < 5; i++) {
            lot("TIGHTENED", 8, false);
        }
        assertThat(stream().getBoolean("discontinued")).isTrue();

        CatalogStub.instance().putProfile(later);
        // The opener tries again with backoff (up to 30 s apart), then finds the stream discontinued.
        JsonPath[] held = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            held[0] = given().get("/api/inspections/{id}", waiting).then().statusCode(200).extract().jsonPath();
            assertThat(held[0].getString("status")).isEqualTo("ON_HOLD");
        });
        assertThat(held[0].getString("awaitingReason")).contains("discontinued");
        assertThat(held[0].getMap("classes")).isEmpty();

        given().contentType(ContentType.JSON).body(Map.of("description", "lasting crew re-trained", "by", "qc.manager"))
                .post("/api/streams/{factory}/{line}/corrective-actions", factory, LINE)
                .then().statusCode(201).body("releasedHolds", equalTo(1));
        JsonPath opened = Inspections.awaitStatus(waiting, "OPEN");
        assertThat(opened.getString("classes.MAJOR.severity")).isEqualTo("TIGHTENED");
        assertThat(opened.getInt("classes.MAJOR.sampleSize")).isEqualTo(8);
        assertThat(opened.getInt("profileVersion")).isEqualTo(1);

        String key = waiting.toString();
        try (TopicReader reader = new TopicReader(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "qc-events")) {
            List<EventEnvelope> events = reader.readUntil(Set.of(key), found -> found.size() >= 2,
                    Duration.ofSeconds(30)).stream().map(record -> EventJson.read(record.value())).toList();
            assertThat(events).extracting(EventEnvelope::type).containsExactly("InspectionHeld", "InspectionOpened");
            assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L);
        }
    }

    /** The stream's events on qc-events, schema-checked. */
    private List<EventEnvelope> streamEvents(int atLeast) {
        String key = QcEvents.streamKey(factory, LINE);
        try (TopicReader reader = new TopicReader(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "qc-events")) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(Set.of(key),
                    found -> found.size() >= atLeast, Duration.ofSeconds(30));
            return records.stream().map(record -> {
                try {
                    assertThat(EventSchemas.violations(EventJson.mapper().readTree(record.value()))).isEmpty();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return EventJson.read(record.value());
            }).toList();
        }
    }
}
