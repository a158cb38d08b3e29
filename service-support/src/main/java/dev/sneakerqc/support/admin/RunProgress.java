package dev.sneakerqc.support.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a long-running admin job (a replay, a republish) has come: done and to go, percent, rate and estimated
 * time left, from its counts and times.
 *
 * @param done                 events done
 * @param total                events to do in all
 * @param toGo                 events left
 * @param percent              done of total, one decimal; 100 once finished
 * @param eventsPerSecond      average rate since the start
 * @param estimatedSecondsLeft at that rate; 0 once finished, null before any progress
 */
public record RunProgress(long done, long total, long toGo, BigDecimal percent, BigDecimal eventsPerSecond,
                          Long estimatedSecondsLeft) {

    public static RunProgress of(long done, long total, Instant startedAt, Instant updatedAt, Instant finishedAt) {
        long toGo = Math.max(0, total - done);
        boolean finished = finishedAt != null;
        BigDecimal percent = total == 0 ? (finished ? BigDecimal.valueOf(100) : BigDecimal.ZERO)
                : BigDecimal.valueOf(done * 100.0 / total).setScale(1, RoundingMode.DOWN);
        Instant end = finished ? finishedAt : updatedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double rate = done / seconds;
        Long secondsLeft = finished ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil(toGo / rate)) : null;
        return new RunProgress(done, total, toGo, percent, BigDecimal.valueOf(rate).setScale(1, RoundingMode.HALF_UP),
                secondsLeft);
    }
}
