package dev.sneakerqc.support.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The services' clock. */
@ApplicationScoped
public class ClockProducer {

    /** UTC, ticking in microseconds: the precision PostgreSQL keeps, so stored and published times agree. */
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }
}
