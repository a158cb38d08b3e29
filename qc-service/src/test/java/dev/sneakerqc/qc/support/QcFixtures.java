package dev.sneakerqc.qc.support;

import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.QcProfile;
import io.restassured.http.ContentType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Profiles, batches and results for QC tests. */
public final class QcFixtures {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private QcFixtures() {
    }

    public static String uniqueCode(String prefix, int length) {
        StringBuilder code = new StringBuilder(prefix);
        while (code.length() < length) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A unique batch number of a factory. */
    public static String batchNumber(String factoryCode) {
        return factoryCode + "-2026-" + String.format("%06d", ThreadLocalRandom.current().nextInt(1, 999_999));
    }

    /**
     * The footwear profile of the domain brief: sole bond critical, flex and abrasion major, rub fastness minor;
     * S-3, AQL 2.5 major and 4.0 minor.
     */
    public static QcProfile footwearProfile(String styleCode, int version) {
        return new QcProfile(styleCode, version, InspectionLevel.S_3,
                new QcProfile.Aql(new BigDecimal("2.5"), new BigDecimal("4.0")), List.of(
                test(DurabilityTestMethod.SOLE_BOND, DefectClass.CRITICAL, "3.5", null),
                test(DurabilityTestMethod.OUTSOLE_FLEX, DefectClass.MAJOR, null, "4.0"),
                test(DurabilityTestMethod.OUTSOLE_ABRASION, DefectClass.MAJOR, null, "150"),
                test(DurabilityTestMethod.RUB_FASTNESS, DefectClass.MINOR, "3", null)), Instant.now());
    }

    /** A profile with one MAJOR test only (MINOR and CRITICAL have none and accept at once). */
    public static QcProfile majorOnlyProfile(String styleCode, InspectionLevel level, String majorAql,
                                             String minorAql) {
        return new QcProfile(styleCode, 1, level, new QcProfile.Aql(new BigDecimal(majorAql),
                new BigDecimal(minorAql)), List.of(test(DurabilityTestMethod.OUTSOLE_FLEX, DefectClass.MAJOR, null,
                "4.0")), Instant.now());
    }

    public static QcProfile.QcTest test(DurabilityTestMethod method, DefectClass defectClass, String min, String max) {
        return new QcProfile.QcTest(method, defectClass, min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max), method.unit());
    }

    /** A passing value of a test. */
    public static BigDecimal passing(QcProfile.QcTest test) {
        return test.min() != null ? test.min().add(BigDecimal.ONE) : test.max().subtract(BigDecimal.ONE);
    }

    /** A failing value of a test. */
    public static BigDecimal failing(QcProfile.QcTest test) {
        return test.min() != null ? test.min().subtract(BigDecimal.ONE) : test.max().add(BigDecimal.ONE);
    }

    public static Map<String, Object> result(int pair, DurabilityTestMethod method, BigDecimal value) {
        Map<String, Object> body = new HashMap<>();
        body.put("sampleUnit", pair);
        body.put("method", method.name());
        body.put("value", value);
        body.put("technician", "ana.lopez");
        body.put("equipmentId", "INSTRON-3");
        return body;
    }

    /** Records a result and expects 201. */
    public static void record(UUID batchId, int pair, DurabilityTestMethod method, BigDecimal value) {
        given().contentType(ContentType.JSON).body(result(pair, method, value))
                .when().post("/api/inspections/{id}/results", batchId)
                .then().statusCode(201);
    }

    /**
     * Records every test of the profile on every pair of its class, passing except MAJOR tests on the listed
     * pairs, until the inspection is decided; returns the verdict.
     */
    public static String recordUntilDecided(UUID batchId, QcProfile profile, Map<DefectClass, Integer> pairs,
                                            List<Integer> failingMajorPairs) {
        for (QcProfile.QcTest test : profile.tests()) {
            for (int pair = 1; pair <= pairs.get(test.defectClass()); pair++) {
                boolean fail = test.defectClass() == DefectClass.MAJOR && failingMajorPairs.contains(pair);
                String verdict = given().contentType(ContentType.JSON)
                        .body(result(pair, test.method(), fail ? failing(test) : passing(test)))
                        .when().post("/api/inspections/{id}/results", batchId)
                        .then().statusCode(201).extract().path("verdict");
                if (verdict != null) {
                    return verdict;
                }
            }
        }
        return null;
    }
}
