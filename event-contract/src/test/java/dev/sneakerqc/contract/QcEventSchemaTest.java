package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sneakerqc.contract.production.BatchQcOutcome;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.qc.ClassDecision;
import dev.sneakerqc.contract.qc.ClassOutcome;
import dev.sneakerqc.contract.qc.ClassPlan;
import dev.sneakerqc.contract.qc.DefectClass;
import dev.sneakerqc.contract.qc.DurabilityTestMethod;
import dev.sneakerqc.contract.qc.InspectionHeld;
import dev.sneakerqc.contract.qc.InspectionLevel;
import dev.sneakerqc.contract.qc.InspectionOpened;
import dev.sneakerqc.contract.qc.InspectionSeverity;
import dev.sneakerqc.contract.qc.QcEvents;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.contract.qc.SeverityChanged;
import dev.sneakerqc.contract.qc.StreamDiscontinued;
import dev.sneakerqc.contract.qc.StreamLotJudged;
import dev.sneakerqc.contract.qc.StreamResumed;
import dev.sneakerqc.contract.qc.TestResultRecorded;
import dev.sneakerqc.contract.qc.Verdict;
import dev.sneakerqc.contract.qc.VerdictIssued;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QcEventSchemaTest {

    private static final UUID BATCH = UUID.randomUUID();
    private static final Instant NOW = EventJson.eventTime(Instant.now());
    private static final String STREAM = QcEvents.streamKey("SKO", "990");

    static QcProfile profile() {
        return new QcProfile("M990GL6", 3, InspectionLevel.S_3, new QcProfile.Aql(new BigDecimal("2.5"),
                new BigDecimal("4.0")), List.of(
                new QcProfile.QcTest(DurabilityTestMethod.SOLE_BOND, DefectClass.CRITICAL, new BigDecimal("3.5"),
                        null, "N/mm"),
                new QcProfile.QcTest(DurabilityTestMethod.OUTSOLE_FLEX, DefectClass.MAJOR, null, new BigDecimal("4.0"),
                        "mm")), NOW);
    }

    static EventEnvelope opened() {
        Map<DefectClass, ClassPlan> plans = Map.of(
                DefectClass.CRITICAL, new ClassPlan(null, null, null, 13, 0, 1, false, 13),
                DefectClass.MAJOR, new ClassPlan(InspectionSeverity.NORMAL, new BigDecimal("2.5"), "E", 13, 1, 2, false, 13),
                DefectClass.MINOR, new ClassPlan(InspectionSeverity.NORMAL, new BigDecimal("4.0"), "E", 13, 1, 2, false, 13));
        return EventEnvelope.wrap(QcEvents.INSPECTION_OPENED, UUID.randomUUID(), NOW, BATCH, 1,
                new InspectionOpened("SKO-2026-000123", "M990GL6", "SKO", "990", 1200, profile(), plans, 13));
    }

    static List<EventEnvelope> samples() {
        UUID verdictId = UUID.randomUUID();
        return List.of(
                opened(),
                EventEnvelope.wrap(QcEvents.INSPECTION_HELD, UUID.randomUUID(), NOW, BATCH, 1,
                        new InspectionHeld("SKO-2026-000124", "M990GL6", "SKO", "990", 500, "stream SKO/990 discontinued")),
                EventEnvelope.wrap(QcEvents.TEST_RESULT_RECORDED, UUID.randomUUID(), NOW, BATCH, 2,
                        new TestResultRecorded(1, DurabilityTestMethod.SOLE_BOND, DefectClass.CRITICAL,
                                new BigDecimal("4.1"), "N/mm", true, "ana", "INSTRON-3", false, null, null)),
                EventEnvelope.wrap(QcEvents.TEST_RESULT_RECORDED, UUID.randomUUID(), NOW, BATCH, 3,
                        new TestResultRecorded(1, DurabilityTestMethod.SOLE_BOND, DefectClass.CRITICAL,
                                new BigDecimal("3.9"), "N/mm", true, "ana", "INSTRON-3", true, "typo",
                                new BigDecimal("4.1"))),
                EventEnvelope.wrap(QcEvents.VERDICT_ISSUED, verdictId, NOW, BATCH, 4,
                        new VerdictIssued("SKO-2026-000123", "M990GL6", "SKO", "990", Verdict.REJECTED, Map.of(
                                DefectClass.CRITICAL, new ClassOutcome(ClassDecision.REJECTED, 1, 0, 1, 13, null),
                                DefectClass.MAJOR, new ClassOutcome(ClassDecision.PENDING, 0, 1, 2, 13, InspectionSeverity.NORMAL),
                                DefectClass.MINOR, new ClassOutcome(ClassDecision.PENDING, 0, 1, 2, 13, InspectionSeverity.NORMAL)))),
                EventEnvelope.wrapForStream(QcEvents.SEVERITY_CHANGED, UUID.randomUUID(), NOW, STREAM, 1,
                        new SeverityChanged("SKO", "990", DefectClass.MAJOR, InspectionSeverity.NORMAL,
                                InspectionSeverity.TIGHTENED, "2 of the last 5 lots not accepted", BATCH)),
                EventEnvelope.wrapForStream(QcEvents.STREAM_LOT_JUDGED, UUID.randomUUID(), NOW, STREAM, 2,
                        new StreamLotJudged("SKO", "990", DefectClass.MAJOR, BATCH, "SKO-2026-000123",
                                InspectionSeverity.NORMAL, false, 2, false, new StreamLotJudged.SwitchingStateSnapshot(
                                InspectionSeverity.TIGHTENED, "", 0, 0, false))),
                EventEnvelope.wrapForStream(QcEvents.STREAM_DISCONTINUED, UUID.randomUUID(), NOW, STREAM, 2,
                        new StreamDiscontinued("SKO", "990", DefectClass.MAJOR, 5, BATCH)),
                EventEnvelope.wrapForStream(QcEvents.STREAM_RESUMED, UUID.randomUUID(), NOW, STREAM, 3,
                        new StreamResumed("SKO", "990", List.of(DefectClass.MAJOR), "re-trained lasting crew", "qc-manager")),
                EventEnvelope.wrap(ProductionEvents.BATCH_REJECTED, UUID.randomUUID(), NOW, BATCH, 7,
                        new BatchQcOutcome("SKO-2026-000123", "M990GL6", "SKO", BatchStatus.REJECTED, verdictId)));
    }

    @Test
    void everyQcTypeHasASchema() {
        for (EventType<?> type : QcEvents.ALL) {
            assertThat(EventSchemas.isKnown(type.name(), type.schemaVersion())).as(type.name()).isTrue();
        }
        for (EventType<?> type : ProductionEvents.ALL) {
            assertThat(EventSchemas.isKnown(type.name(), type.schemaVersion())).as(type.name()).isTrue();
        }
    }

    @Test
    void serializedQcEventsAreValidAndRoundTrip() throws Exception {
        for (EventEnvelope event : samples()) {
            String json = EventJson.write(event);
            assertThat(EventSchemas.violations(EventJson.mapper().readTree(json))).as(json).isEmpty();
            EventEnvelope read = EventJson.read(json.getBytes(StandardCharsets.UTF_8));
            assertThat(read.aggregateKey()).isEqualTo(event.aggregateKey());
            assertThat(read.type()).isEqualTo(event.type());
        }
        InspectionOpened data = opened().dataAs(QcEvents.INSPECTION_OPENED);
        assertThat(data.plans().get(DefectClass.MAJOR).codeLetter()).isEqualTo("E");
        assertThat(data.profile().inspectionLevel()).isEqualTo(InspectionLevel.S_3);
    }

    @Test
    void streamEventsAreKeyedByStreamAndBatchEventsByBatch() {
        EventEnvelope stream = samples().get(5);
        assertThat(stream.aggregateKey()).isEqualTo("SKO/990");
        assertThat(EventJson.write(stream)).contains("\"streamKey\":\"SKO/990\"").doesNotContain("batchId");
        assertThat(EventJson.write(opened())).contains("\"batchId\"").doesNotContain("streamKey");
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "X", 1, NOW, BATCH, "SKO/990", 1,
                EventJson.mapper().createObjectNode())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamEventWithABatchIdIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(samples().get(5)));
        json.put("batchId", BATCH.toString());
        assertThat(EventSchemas.violations(json)).isNotEmpty();
    }
}
