package dev.sneakerqc.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventDataTreeTest {

    @Test
    void theDataOfAWrappedEventIsTheTreeAConsumerReads() {
        for (EventEnvelope written : CompiledSchemaTest.samples()) {
            EventEnvelope read = EventJson.read(EventJson.write(written).getBytes(StandardCharsets.UTF_8));
            assertThat(written.data()).as(written.type()).isEqualTo(read.data());
            assertThat(read).as(written.type()).isEqualTo(written);
        }
    }
}
