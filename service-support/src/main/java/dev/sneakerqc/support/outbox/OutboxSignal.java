package dev.sneakerqc.support.outbox;

import dev.sneakerqc.support.concurrent.WakeUp;
import jakarta.enterprise.context.ApplicationScoped;

/** Wakes the relay when a transaction that wrote outbox rows has committed. */
@ApplicationScoped
public class OutboxSignal extends WakeUp {
}
