package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import dev.sneakerqc.qc.support.QcTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Opening a round of inspections touches only those that still wait for their profile. */
@QcTest
class InspectionOpeningTest {

    @Inject
    InspectionOpening opening;

    private ProductionEventsWriter writer;
    private String factory;

    @BeforeEach
    void setUp() {
        writer = new ProductionEventsWriter();
        factory = QcFixtures.uniqueCode("O", 6);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    @Test
    void aRoundWithAnInspectionOpenedMeanwhileLeavesThatOneAsItWas() {
        QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("OP", 8), 1);
        UUID opened = Inspections.finishedBatch(writer, profile, factory, "L1", 500);
        JsonPath before = Inspections.awaitStatus(opened, "OPEN");

        QcProfile newer = new QcProfile(profile.styleCode(), 2, profile.inspectionLevel(), profile.aql(),
                profile.tests(), profile.createdAt());
        Map<UUID, QcProfile> round = new LinkedHashMap<>();
        round.put(opened, newer);
        round.put(UUID.randomUUID(), newer); // no inspection at all: nothing to lock, nothing written
        opening.openAll(round);

        JsonPath after = given().get("/api/inspections/{id}", opened).then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("status")).isEqualTo("OPEN");
        assertThat(after.getInt("profileVersion")).isEqualTo(before.getInt("profileVersion")).isEqualTo(1);
        assertThat(after.getString("openedAt")).isEqualTo(before.getString("openedAt"));
    }
}
