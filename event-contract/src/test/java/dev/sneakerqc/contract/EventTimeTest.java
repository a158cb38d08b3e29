package dev.sneakerqc.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            // every precision Instant.toString writes: none, millis, micros, nanos
            for (ChronoUnit unit : new ChronoUnit[]{ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS,
                    ChronoUnit.NANOS}) {
                String text = instant.truncatedTo(unit).toString();
                assertThat(EventJson.parseTime(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        for (String text : new String[]{"2024-02-29T23:59:59.9Z", "2026-12-02T17:42:16.12Z", "1000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z"}) {
            assertThat(EventJson.parseTime(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsGoToTheGeneralParser() {
        assertThat(EventJson.parseTime("2026-12-02T18:42:16+01:00")).isEqualTo(Instant.parse("2026-12-02T17:42:16Z"));
        assertThat(EventJson.parseTime("0999-12-31T23:59:59Z")).isEqualTo(Instant.parse("0999-12-31T23:59:59Z"));
        assertThatThrownBy(() -> EventJson.parseTime("2026-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventJson.parseTime("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
