package dev.sneakerqc.qc.service;

import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.qc.client.CatalogProfiles;
import dev.sneakerqc.qc.client.ProfileUnavailableException;
import dev.sneakerqc.qc.config.QcConfig;
import dev.sneakerqc.qc.inspection.QcBatch;
import dev.sneakerqc.qc.persistence.InspectionRepository;
import dev.sneakerqc.qc.persistence.QcBatchRepository;
import dev.sneakerqc.qc.replay.ReplayGate;
import dev.sneakerqc.support.concurrent.WakeUp;
import dev.sneakerqc.support.tx.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.UUID;

/**
 * Opens inspections waiting for their QC profile, on a thread of its own so that a slow or absent catalog never
 * holds up the consumer of production events. Woken when inspections are created or resumed; otherwise it looks
 * every {@code qc.profiles.poll-interval}. It works in rounds of up to {@code qc.profiles.batch-size} inspections,
 * fetching each model's profile once per round. Each inspection whose fetch fails is tried again with backoff
 * (1 s doubling to 30 s) and meanwhile shows why it waits.
 */
@ApplicationScoped
public class InspectionOpener {

    private static final Logger LOG = Logger.getLogger(InspectionOpener.class);
    private static final Object WAKE = new Object();

    private final InspectionRepository inspections;
    private final QcBatchRepository batches;
    private final InspectionOpening opening;
    private final CatalogProfiles catalog;
    private final AfterCommit afterCommit;
    private final QcConfig config;
    private final ReplayGate gate;
    private final Clock clock;
    private final WakeUp wakeUps = new WakeUp();

    private volatile boolean running;
    private Thread thread;

    public InspectionOpener(InspectionRepository inspections, QcBatchRepository batches, InspectionOpening opening,
                            CatalogProfiles catalog, AfterCommit afterCommit, QcConfig config, ReplayGate gate,
                            Clock clock) {
        this.inspections = inspections;
        this.batches = batches;
        this.opening = opening;
        this.catalog = catalog;
        this.afterCommit = afterCommit;
        this.config = config;
        this.gate = gate;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = Thread.ofPlatform().name("inspection-opener").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUps.signal();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Looks for inspections to open once the current transaction commits. */
    public void wakeAfterCommit() {
        afterCommit.once(WAKE, this::wake);
    }

    void wake() {
        wakeUps.signal();
    }

    private void run() {
        while (running) {
            try {
                if (gate.activeReplay().isPresent()) {
                    waitForWork(); // no calls to the catalog while the state is rebuilt
                    continue;
                }
                List<UUID> due = QuarkusTransaction.requiringNew().call(() ->
                        inspections.awaitingProfileDue(clock.instant(), config.profiles().batchSize()));
                openRound(due);
                if (due.size() < config.profiles().batchSize()) {
                    waitForWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("opening inspections failed (%s); retrying", e.toString());
                try {
                    waitForWork();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Opens a round of due inspections: fetches each model's profile once, opens those whose profile came in one
     * transaction, and notes why the others wait. Should that transaction fail, they are opened one at a time,
     * so that one inspection that cannot be opened holds up no other.
     */
    private void openRound(List<UUID> due) {
        if (due.isEmpty() || !running) {
            return;
        }
        Map<UUID, String> styleCodes = QuarkusTransaction.requiringNew().call(() -> batches.byIds(due).values()
                .stream().collect(Collectors.toMap(QcBatch::batchId, QcBatch::styleCode)));
        Map<String, QcProfile> profiles = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        for (String styleCode : new TreeSet<>(styleCodes.values())) {
            try {
                profiles.put(styleCode, catalog.latest(styleCode));
            } catch (ProfileUnavailableException e) {
                unavailable.put(styleCode, e.getMessage());
            }
        }
        Map<UUID, QcProfile> toOpen = new LinkedHashMap<>();
        Map<UUID, String> waiting = new LinkedHashMap<>();
        styleCodes.forEach((batchId, styleCode) -> {
            if (profiles.containsKey(styleCode)) {
                toOpen.put(batchId, profiles.get(styleCode));
            } else {
                waiting.put(batchId, unavailable.get(styleCode));
            }
        });
        if (!waiting.isEmpty()) {
            LOG.debugf("%d inspections wait for their profile: %s", waiting.size(), unavailable);
            opening.profilesUnavailable(waiting);
        }
        try {
            opening.openAll(toOpen);
        } catch (RuntimeException e) {
            if (toOpen.size() == 1) {
                throw e;
            }
            LOG.warnf("opening %d inspections together failed (%s); opening them one at a time", toOpen.size(),
                    e.toString());
            toOpen.forEach((batchId, profile) -> {
                try {
                    opening.openAll(Map.of(batchId, profile));
                } catch (RuntimeException failure) {
                    LOG.warnf("opening the inspection of %s failed (%s); it is tried again later", batchId,
                            failure.toString());
                }
            });
        }
    }

    private void waitForWork() throws InterruptedException {
        wakeUps.await(config.profiles().pollInterval());
    }
}
