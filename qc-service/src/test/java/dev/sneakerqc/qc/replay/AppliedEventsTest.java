package dev.sneakerqc.qc.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedEventsTest {

    @Test
    void keepsEachEventOnceInTheOrderApplied() {
        AppliedEvents applied = new AppliedEvents();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertThat(applied.add(first, 0, 10)).isTrue();
        assertThat(applied.add(second, 1, 3)).isTrue();
        assertThat(applied.add(first, 2, 99)).as("delivered again, elsewhere").isFalse();

        assertThat(applied.size()).isEqualTo(2);
        assertThat(applied).containsExactly(new AppliedEvents.Entry(first, 0, 10),
                new AppliedEvents.Entry(second, 1, 3));
    }

    @Test
    void growsPastItsFirstArraysWithoutLosingOrForgettingAnEvent() {
        AppliedEvents applied = new AppliedEvents();
        List<AppliedEvents.Entry> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // ids that differ in a few bits only, as sequential or time-based ids do
            UUID id = new UUID(0x1234L, i);
            expected.add(new AppliedEvents.Entry(id, i % 3, i));
            assertThat(applied.add(id, i % 3, i)).isTrue();
        }
        for (int i = 0; i < 50_000; i += 7) {
            assertThat(applied.add(new UUID(0x1234L, i), 0, 0)).isFalse();
        }
        assertThat(applied.add(new UUID(0, 0), 0, 0)).as("the nil id is an id like any other").isTrue();
        assertThat(applied.add(new UUID(0, 0), 0, 1)).isFalse();

        assertThat(applied.size()).isEqualTo(50_001);
        assertThat(applied).startsWith(expected.subList(0, 3).toArray(AppliedEvents.Entry[]::new));
        assertThat(applied).element(49_999).isEqualTo(expected.get(49_999));
    }
}
