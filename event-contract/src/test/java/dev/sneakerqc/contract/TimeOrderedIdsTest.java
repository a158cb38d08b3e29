package dev.sneakerqc.contract;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void isAVersion7UuidWithTheTimeInItsFirst48Bits() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsUuidsAndAsText() {
        List<UUID> ids = new ArrayList<>();
        for (long millis = 1_764_547_200_000L; millis < 1_764_547_200_000L + 1_000; millis += 7) {
            ids.add(TimeOrderedIds.at(millis, UUID.randomUUID()));
        }
        // PostgreSQL compares uuids byte by byte, as their text sorts; Java's UUID.compareTo is signed, so the text
        assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
    }

    @Test
    void keepsTheRandomBitsApart() {
        HashSet<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }
}
