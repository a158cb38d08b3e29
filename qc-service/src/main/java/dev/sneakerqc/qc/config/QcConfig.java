package dev.sneakerqc.qc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** QC settings ({@code qc.*}). */
@ConfigMapping(prefix = "qc")
public interface QcConfig {

    Switching switching();

    Consumer consumer();

    Profiles profiles();

    Replay replay();

    interface Replay {
        /**
         * How long a full replay holds before switching the rebuilt state in, with the service held still. For
         * tests that need changes to arrive during a rebuild; zero in production.
         */
        @WithDefault("0s")
        Duration pauseBeforeSwitch();
    }

    interface Switching {
        /**
         * Whether reduced inspection is approved by the responsible authority: without it a stream never switches
         * from normal to reduced.
         */
        @WithDefault("true")
        boolean reducedAllowed();
    }

    interface Consumer {
        /** Consumer group on production-events; instances of the service share it. */
        @WithDefault("qc-service")
        String groupId();

        /**
         * Events applied per database transaction at most. A poll costs a few statements however many events it
         * holds, so a backlog is taken in faster in larger polls: 3000 against 1000 took in a 200,000-event backlog
         * 6–12 % faster in four alternating pairs of benchmark runs (bench/HISTORY.md, "After the 18:18 run").
         */
        @WithDefault("3000")
        int maxPollRecords();

        /**
         * Consumers (threads) of production-events in this instance, each a member of the group with partitions
         * of its own: while one waits for its database commit or for the broker (a consumer reads its socket only
         * inside {@code poll}), the others apply their records. On 2 cores three took in a backlog faster than two
         * in alternating benchmark runs, and six (one per partition) slower (bench/HISTORY.md, "After the 18:18
         * run").
         */
        @WithDefault("3")
        int threads();

        /**
         * How long a consumer may hold applied events' offsets before committing them to Kafka: at a steady flow
         * each consumer would otherwise commit after every poll, a request the broker writes to its offsets topic,
         * for polls of a few events each. Events applied but not committed when an instance dies are delivered
         * again and passed over by their batch's sequence. Zero commits after every poll.
         */
        @WithDefault("100ms")
        Duration commitInterval();

        /** Whether this instance consumes at all. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Profiles {
        /** Longest wait between looks for inspections whose profile fetch is due. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Inspections opened per round (one transaction) at most. */
        @WithDefault("200")
        int batchSize();
    }
}
