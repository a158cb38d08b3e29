package dev.sneakerqc.qc.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.production.BatchStageCompleted;
import dev.sneakerqc.contract.production.BatchStatus;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.contract.production.ProductionStage;
import dev.sneakerqc.support.consumer.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayEventTest {

    private static final UUID BATCH = UUID.randomUUID();
    private static final ConsumerRecord<String, byte[]> RECORD =
            new ConsumerRecord<>("production-events", 0, 7, BATCH.toString(), new byte[0]);
    private static final BatchStageCompleted STITCHED = new BatchStageCompleted("SKO01-2026-000001", "990V6",
            "SKO01", ProductionStage.STITCHED, ProductionStage.PATTERN_CUT, BatchStatus.IN_PRODUCTION);

    @Test
    void mapsTheDataToTheRecordOfItsTypeWhileDecoding() {
        EventEnvelope event = EventEnvelope.wrap(ProductionEvents.BATCH_STAGE_COMPLETED, UUID.randomUUID(),
                Instant.parse("2026-11-30T10:00:00Z"), BATCH, 4, STITCHED);

        ReplayEvent replayed = ReplayEvent.decode(new EventRecords.Decoded(RECORD, event, null),
                ProductionEvents.ALL);

        assertThat(replayed.data()).isEqualTo(STITCHED);
        assertThat(replayed.data(ProductionEvents.BATCH_STAGE_COMPLETED)).as("no second mapping")
                .isSameAs(replayed.data());
    }

    @Test
    void aRefusedRecordHasNoData() {
        ReplayEvent replayed = ReplayEvent.decode(new EventRecords.Decoded(RECORD, null, "not JSON"),
                ProductionEvents.ALL);

        assertThat(replayed.refused()).isTrue();
        assertThat(replayed.data()).isNull();
    }

    @Test
    void dataThatDoesNotMapFailsWhenAskedForAsTheLiveServiceWould() {
        ObjectNode data = EventJson.mapper().valueToTree(STITCHED);
        data.put("stage", "GLUED");
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "BatchStageCompleted", 1,
                Instant.parse("2026-11-30T10:00:00Z"), BATCH, null, 4, data);

        ReplayEvent replayed = ReplayEvent.decode(new EventRecords.Decoded(RECORD, event, null),
                ProductionEvents.ALL);

        assertThat(replayed.data()).isNull();
        assertThatThrownBy(() -> replayed.data(ProductionEvents.BATCH_STAGE_COMPLETED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
