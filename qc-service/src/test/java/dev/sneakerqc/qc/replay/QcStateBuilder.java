package dev.sneakerqc.qc.replay;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.support.Inspections;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import dev.sneakerqc.qc.support.QcFixtures;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Builds live QC state worth a few thousand events through the public paths: production events on Kafka and
 * results over REST, interleaved across batches, with corrections, failures and switching.
 */
final class QcStateBuilder {

    record Lot(UUID batchId, QcProfile profile, Map<DefectClass, Integer> pairs) {
    }

    private QcStateBuilder() {
    }

    /** Inspections of the footwear profile (73 tests each), recorded round-robin, some corrected, some failing. */
    static List<Lot> interleavedLots(ProductionEventsWriter writer, int lots) {
        String factory = QcFixtures.uniqueCode("P", 6);
        List<Lot> open = new ArrayList<>();
        for (int i = 0; i < lots; i++) {
            QcProfile profile = QcFixtures.footwearProfile(QcFixtures.uniqueCode("S", 9), 1 + i % 3);
            UUID batchId = Inspections.finishedBatch(writer, profile, factory, i % 2 == 0 ? "990" : "992", 1200);
            open.add(new Lot(batchId, profile, null));
        }
        List<Lot> ready = new ArrayList<>();
        for (Lot lot : open) {
            JsonPath inspection = Inspections.awaitStatus(lot.batchId(), "OPEN");
            Map<DefectClass, Integer> pairs = new HashMap<>();
            for (DefectClass defectClass : DefectClass.values()) {
                pairs.put(defectClass, inspection.getInt("classes." + defectClass + ".pairs"));
            }
            ready.add(new Lot(lot.batchId(), lot.profile(), pairs));
        }
        int maxPairs = ready.stream().mapToInt(lot -> lot.pairs().get(DefectClass.CRITICAL)).max().orElse(0);
        for (int pair = 1; pair <= maxPairs; pair++) {
            for (int index = 0; index < ready.size(); index++) {
                Lot lot = ready.get(index);
                for (QcProfile.QcTest test : lot.profile().tests()) {
                    if (pair > lot.pairs().get(test.defectClass())) {
                        continue;
                    }
                    // Every third lot has one failing MAJOR pair (within Ac 1); every fourth rejects on two.
                    boolean fail = test.defectClass() == DefectClass.MAJOR
                            && (index % 3 == 0 && pair == 5 || index % 4 == 1 && (pair == 2 || pair == 9));
                    BigDecimal value = fail ? QcFixtures.failing(test) : QcFixtures.passing(test);
                    int status = record(lot.batchId(), pair, test.method(), value, false, null);
                    if (status == 409) {
                        continue; // decided already
                    }
                    if (index % 5 == 2 && pair == 3) {
                        record(lot.batchId(), pair, test.method(), value.add(new BigDecimal("0.1")), true,
                                "re-measured after calibration");
                    }
                }
            }
        }
        return ready;
    }

    /** Lots of a small profile on one stream, failing so that the stream tightens and discontinues. */
    static void switchingLots(ProductionEventsWriter writer, String factory, boolean[] accepts) {
        QcProfile profile = QcFixtures.majorOnlyProfile(QcFixtures.uniqueCode("S", 9), InspectionLevel.S_1, "2.5",
                "4.0");
        for (boolean accept : accepts) {
            UUID batchId = Inspections.finishedBatch(writer, profile, factory, "990", 10);
            JsonPath opened = Inspections.awaitStatus(batchId, "OPEN");
            int pairs = opened.getInt("classes.MAJOR.pairs");
            for (int pair = 1; pair <= pairs; pair++) {
                if (record(batchId, pair, DurabilityTestMethod.OUTSOLE_FLEX,
                        accept ? new BigDecimal("2.0") : new BigDecimal("6.0"), false, null) == 409) {
                    break;
                }
                String status = given().get("/api/inspections/{id}", batchId).then().extract().path("status");
                if (!"OPEN".equals(status)) {
                    break;
                }
            }
        }
    }

    static int record(UUID batchId, int pair, DurabilityTestMethod method, BigDecimal value, boolean correction,
                      String reason) {
        Map<String, Object> body = QcFixtures.result(pair, method, value);
        if (correction) {
            body.put("correction", true);
            body.put("reason", reason);
        }
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/inspections/{id}/results", batchId).statusCode();
    }
}
