package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.EventEnvelope;
import dev.sneakerqc.contract.EventJson;
import dev.sneakerqc.contract.production.BatchPlanned;
import dev.sneakerqc.contract.production.ProductionEvents;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.support.ProductionEventsWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BatchIntakeTest {

    @Test
    void aPlannedBatchIsReadOffItsEventAsTheDataBinderReadsIt() {
        UUID batchId = UUID.randomUUID();
        EventEnvelope written = ProductionEventsWriter.finishedBatch(batchId, "SKO-2026-000123", "RUN-100", "F-OH1",
                "Trail Runner", 1_250).getFirst();
        EventEnvelope read = EventJson.read(EventJson.write(written).getBytes(StandardCharsets.UTF_8));
        BatchPlanned planned = read.dataAs(ProductionEvents.BATCH_PLANNED);

        QcBatch batch = BatchIntake.Round.plannedBatch(read);

        assertThat(batch.batchId()).isEqualTo(batchId);
        assertThat(batch.batchNumber()).isEqualTo(planned.batchNumber()).isEqualTo("SKO-2026-000123");
        assertThat(batch.styleCode()).isEqualTo(planned.styleCode()).isEqualTo("RUN-100");
        assertThat(batch.factoryCode()).isEqualTo(planned.factoryCode()).isEqualTo("F-OH1");
        assertThat(batch.line()).isEqualTo(planned.line()).isEqualTo("Trail Runner");
        assertThat(batch.quantity()).isEqualTo(planned.quantity()).isEqualTo(1_250);
        assertThat(batch.plannedAt()).isEqualTo(read.occurredAt());
    }
}
