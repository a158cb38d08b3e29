package dev.sneakerqc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.Component;
import dev.sneakerqc.contract.production.LabelDecision;
import dev.sneakerqc.contract.production.LabelPolicy;
import dev.sneakerqc.contract.production.LabelStatus;
import dev.sneakerqc.contract.production.MaterialLot;
import dev.sneakerqc.contract.production.ModelCategory;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionEventSchemaTest {

    private static final UUID BATCH = UUID.fromString("0b6f3a52-6c55-4a8e-9a55-3f1f7c3b9e10");

    static EventEnvelope planned() {
        BatchPlanned data = new BatchPlanned("SKO-2026-000123", "M990GL6", "990v6 Grey", "990", ModelCategory.RUNNING,
                "SKO", "US", 1200, List.of(new MaterialLot(Component.OUTSOLE, "VIB-22-0917")),
                new LabelDecision(LabelStatus.MADE_IN_USA, LabelPolicy.NB_70, new BigDecimal("0.7250"),
                        "factory SKO is in the US and domestic value share 0.7250 >= 0.70 (NB_70)"),
                BatchStatus.PLANNED);
        return EventEnvelope.wrap(ProductionEvents.BATCH_PLANNED, UUID.randomUUID(),
                EventJson.eventTime(Instant.now()), BATCH, 1, data);
    }

    static EventEnvelope stage(ProductionStage stage, ProductionStage previous, long sequence) {
        BatchStageCompleted data = new BatchStageCompleted("SKO-2026-000123", "M990GL6", "SKO", stage, previous,
                stage == ProductionStage.FINISHED ? BatchStatus.IN_QC : BatchStatus.IN_PRODUCTION);
        return EventEnvelope.wrap(ProductionEvents.BATCH_STAGE_COMPLETED, UUID.randomUUID(),
                EventJson.eventTime(Instant.now()), BATCH, sequence, data);
    }

    static JsonNode json(EventEnvelope envelope) throws Exception {
        return EventJson.mapper().readTree(EventJson.write(envelope));
    }

    @Test
    void everyTypeTheCatalogEmitsHasASchema() {
        for (EventType<?> type : ProductionEvents.ALL) {
            assertThat(EventSchemas.isKnown(type.name(), type.schemaVersion())).as(type.name()).isTrue();
            assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
        }
        assertThat(EventSchemas.isKnown("BatchPlanned", 2)).isFalse();
        assertThat(EventSchemas.isKnown("../../etc/passwd", 1)).isFalse();
    }

    @Test
    void serializedEventsAreValid() throws Exception {
        assertThat(EventSchemas.violations(json(planned()))).isEmpty();
        assertThat(EventSchemas.violations(json(stage(ProductionStage.MATERIALS_SOURCED, null, 2)))).isEmpty();
        assertThat(EventSchemas.violations(json(stage(ProductionStage.FINISHED, ProductionStage.LASTED, 6)))).isEmpty();
    }

    @Test
    void roundTripKeepsEveryField() {
        EventEnvelope original = planned();
        EventEnvelope read = EventJson.read(EventJson.write(original).getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(original);
        assertThat(read.dataAs(ProductionEvents.BATCH_PLANNED)).isEqualTo(original.dataAs(ProductionEvents.BATCH_PLANNED));
        assertThatThrownBy(() -> read.dataAs(ProductionEvents.BATCH_STAGE_COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeFieldsComeInContractOrder() {
        String json = EventJson.write(planned());
        assertThat(json).startsWith("{\"eventId\":");
        assertThat(json.indexOf("\"type\"")).isLessThan(json.indexOf("\"schemaVersion\""));
        assertThat(json.indexOf("\"sequence\"")).isLessThan(json.indexOf("\"data\""));
    }

    @Test
    void violationsAreReported() throws Exception {
        ObjectNode missingQuantity = (ObjectNode) json(planned());
        ((ObjectNode) missingQuantity.get("data")).remove("quantity");
        assertThat(EventSchemas.violations(missingQuantity)).anyMatch(message -> message.contains("quantity"));

        ObjectNode badStage = (ObjectNode) json(stage(ProductionStage.STITCHED, ProductionStage.PATTERN_CUT, 4));
        ((ObjectNode) badStage.get("data")).put("stage", "GLUED");
        assertThat(EventSchemas.violations(badStage)).isNotEmpty();

        ObjectNode finishedButInProduction = (ObjectNode) json(stage(ProductionStage.FINISHED, ProductionStage.LASTED, 6));
        ((ObjectNode) finishedButInProduction.get("data")).put("status", "IN_PRODUCTION");
        assertThat(EventSchemas.violations(finishedButInProduction)).isNotEmpty();

        ObjectNode badTime = (ObjectNode) json(planned());
        badTime.put("occurredAt", "yesterday");
        assertThat(EventSchemas.violations(badTime)).anyMatch(message -> message.contains("occurredAt"));

        ObjectNode plannedAsSecond = (ObjectNode) json(planned());
        plannedAsSecond.put("sequence", 2);
        assertThat(EventSchemas.violations(plannedAsSecond)).isNotEmpty();
    }

    @Test
    void unknownTypesAndGarbageAreRejected() {
        assertThatThrownBy(() -> EventSchemas.violations("{\"type\":\"BatchExploded\",\"schemaVersion\":1}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSchemas.violations("not json".getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(EventSchemas.violations("[1,2]".getBytes(StandardCharsets.UTF_8))).containsExactly("not a JSON object");
    }

    @Test
    void stagesComeInProductionOrder() {
        assertThat(ProductionStage.first()).isEqualTo(ProductionStage.MATERIALS_SOURCED);
        assertThat(ProductionStage.MATERIALS_SOURCED.next()).contains(ProductionStage.PATTERN_CUT);
        assertThat(ProductionStage.PATTERN_CUT.next()).contains(ProductionStage.STITCHED);
        assertThat(ProductionStage.STITCHED.next()).contains(ProductionStage.LASTED);
        assertThat(ProductionStage.LASTED.next()).contains(ProductionStage.FINISHED);
        assertThat(ProductionStage.FINISHED.next()).isEmpty();
    }
}
