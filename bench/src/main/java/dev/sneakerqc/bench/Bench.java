package dev.sneakerqc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sneakerqc.contract.Topics;
import dev.sneakerqc.infra.kafka.ConsumerPerformanceTool;
import dev.sneakerqc.infra.support.FreePorts;
import dev.sneakerqc.infra.service.PackagedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The phases of the suite, each adding its figures to the report. */
public final class Bench {

    /**
     * How long the system may take to take in what was sent. Generous: after the 200,000-event backlog, QC opens
     * about 33,000 inspections one at a time, which took minutes on the 2-core machine.
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(30);
    /** The log's clock: always with seconds ({@code LocalTime.toString} leaves out a whole minute's zero seconds). */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Options options;
    private final SystemUnderTest system;
    private final Report report;
    private final Path work;
    private final Api api = new Api();
    private final Kafka kafka;
    private final Wrk wrk;
    /** Every batch planned by the write phase: the read phase reads them. */
    private final List<String> plannedBatches = new ArrayList<>();
    /** How many times a run of stage changes whose batches ran out of stages is planned again and rerun. */
    private static final int REPLANS = 3;
    /** The highest write rates seen so far, to plan enough batches for the next run. */
    private double serviceWriteRate = 1_500;
    private double pgbenchWriteRate = 8_000;
    /** The qc-service instance of the ingest run under way, stopped by the shutdown hook on Ctrl-C. */
    private volatile PackagedService ingestInstance;

    public Bench(Options options, SystemUnderTest system, Report report, Path work) {
        this.options = options;
        this.system = system;
        this.report = report;
        this.work = work;
        this.kafka = new Kafka(system.kafka());
        this.wrk = new Wrk(work);
    }

    private static void log(String text) {
        System.out.println("[bench " + LocalTime.now().format(CLOCK) + "] " + text);
        System.out.flush();
    }

    /** Runs a phase; a failure marks the phase's open figures FAILED and the suite goes on with the next. */
    public void phase(String name, Runnable phase, String... figureIds) {
        if (!options.runs(name)) {
            return;
        }
        log("phase " + name);
        try {
            phase.run();
        } catch (RuntimeException e) {
            log("phase " + name + " FAILED: " + e.getMessage());
            report.note("phase " + name + " failed: " + e.getMessage());
            for (Figure figure : report.figures()) {
                for (String id : figureIds) {
                    if (figure.id().startsWith(id) && figure.runs().size() < options.runs()) {
                        figure.fail(firstLine(e.getMessage()));
                    }
                }
            }
        }
    }

    private static String firstLine(String text) {
        return text == null ? "failed" : text.lines().findFirst().orElse(text);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 7. Start to ready, and resident memory idle

    public void startup() {
        for (String service : List.of(SystemUnderTest.CATALOG, SystemUnderTest.QC)) {
            String name = short_(service);
            report.figure("startup." + name, "7. " + service + ": process start → ready", "s", Target.atMost(2));
            report.figure("rss.idle." + name, "7. " + service + ": resident memory, idle", "MB", null);
        }
        if (!system.ownsServices()) {
            for (String service : List.of(SystemUnderTest.CATALOG, SystemUnderTest.QC)) {
                report.figure("startup." + short_(service), null, null, null)
                        .skip("start to ready is not measured on services the suite did not start (--use-running)");
                for (int run = 0; run < options.runs(); run++) {
                    rss(service).ifPresent(mb -> report.figure("rss.idle." + short_(service), null, null, null)
                            .add(mb));
                    pause(Duration.ofSeconds(1));
                }
            }
            return;
        }
        for (int run = 1; run <= options.runs(); run++) {
            for (String service : List.of(SystemUnderTest.CATALOG, SystemUnderTest.QC)) {
                Duration ready = system.restart(service);
                log(service + " restarted: ready after " + ready.toMillis() + " ms");
                report.figure("startup." + short_(service), null, null, null).add(ready.toMillis() / 1000.0);
                pause(Duration.ofSeconds(5)); // let the start-up work (JIT, first polls) die down
                rss(service).ifPresent(mb -> report.figure("rss.idle." + short_(service), null, null, null).add(mb));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5. QC ingest of a backlog, beside Kafka's ConsumerPerformance

    public void ingest() {
        Figure qc = report.figure("ingest.qc", "5. QC ingest of the production-events backlog", "events/s",
                Target.atLeast(20_000));
        Figure raw = report.figure("ingest.kafka", "5. Kafka ConsumerPerformance, same topic (fetch rate)",
                "records/s", null);
        Figure ratio = report.figure("ingest.ratio", "5. QC ingest / ConsumerPerformance", "", null);
        api.ensureReferenceData(system.catalogUrl());
        long before = kafka.records(Topics.PRODUCTION_EVENTS);
        Instant writing = Instant.now();
        long written = Backlog.write(system.kafka(), options.backlog());
        log("wrote a backlog of " + written + " production events in "
                + Duration.between(writing, Instant.now()).toMillis() + " ms; waiting for the system to take it in");
        settle();
        long records = kafka.records(Topics.PRODUCTION_EVENTS);
        qc.note(records + " events (" + written + " of the backlog, " + before + " before it): a fresh qc-service"
                + " instance (own database, own consumer group, relay off) from its first applied event to lag 0");
        raw.note("Kafka's ConsumerPerformance reading the same " + records + " records, fresh group each run;"
                + " fetch.nMsg.sec (without the group join)");
        for (int run = 1; run <= options.runs(); run++) {
            ConsumerPerformanceTool.Result perf = ConsumerPerformanceTool.run(system.kafka(),
                    Topics.PRODUCTION_EVENTS, records);
            raw.add(perf.fetchRecordsPerSecond());
            log("ConsumerPerformance: " + Math.round(perf.fetchRecordsPerSecond()) + " records/s while fetching ("
                    + Math.round(perf.recordsPerSecond()) + " overall)");
            double rate = ingestRun(run, records);
            qc.add(rate);
            ratio.add(rate / perf.fetchRecordsPerSecond());
        }
    }

    private double ingestRun(int run, long records) {
        String database = "bench_ingest_" + run;
        system.database().recreate(database);
        int port = FreePorts.pick();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", system.database().jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", system.database().user());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", system.database().password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", system.kafka());
        environment.put("QUARKUS_REST_CLIENT_CATALOG_URL", system.catalogUrl());
        String group = "bench-ingest-" + report.startedAt().getEpochSecond() + "-" + run;
        environment.put("QC_CONSUMER_GROUP_ID", group);
        environment.put("OUTBOX_RELAY_ENABLED", "false"); // its QC events must not reach the shared qc-events
        PackagedService instance = new PackagedService("qc-service-ingest-" + run,
                system.applicationJar(SystemUnderTest.QC), port, environment,
                work.resolve("logs").resolve("qc-service-ingest-" + run + ".log"));
        ingestInstance = instance;
        try {
            instance.start(Duration.ofMinutes(2));
            CpuReading atReady = CpuReading.now(OptionalLong.of(instance.pid()));
            Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
            long lag;
            while ((lag = kafka.lag(group, Topics.PRODUCTION_EVENTS)) > 0) {
                if (Instant.now().isAfter(deadline) || !instance.isRunning()) {
                    throw new BenchFailure("the ingest instance did not catch up (lag " + lag + "); see "
                            + instance.log());
                }
                pause(Duration.ofMillis(50));
            }
            Instant caughtUp = Instant.now();
            CpuReading atCaughtUp = CpuReading.now(OptionalLong.of(instance.pid()));
            long applied = system.database().number(database, "select count(*) from processed_event");
            long firstMicros = system.database().number(database,
                    "select (extract(epoch from min(processed_at)) * 1000000)::bigint from processed_event");
            long lastMicros = system.database().number(database,
                    "select (extract(epoch from max(processed_at)) * 1000000)::bigint from processed_event");
            double seconds = (caughtUp.toEpochMilli() * 1000 - firstMicros) / 1e6;
            double rate = records / seconds;
            log("ingest run " + run + ": " + records + " events in " + String.format("%.2f", seconds) + " s = "
                    + Math.round(rate) + " events/s (" + applied + " recorded as applied; the last transaction began "
                    + String.format("%.2f", (lastMicros - firstMicros) / 1e6) + " s after the first)"
                    + cpuPerOperation("event from ready to caught up",
                    atCaughtUp.machineMicrosPer(atReady, records), atCaughtUp.processMicrosPer(atReady, records),
                    "instance"));
            if (applied < records) {
                report.note("ingest run " + run + ": " + applied + " of " + records
                        + " events recorded as applied; the rest were dead-lettered or duplicates");
            }
            return rate;
        } finally {
            instance.close();
            ingestInstance = null;
            system.database().drop(database);
        }
    }

    /**
     * The CPU time per operation of the whole machine and of one process, for the log: rates follow the machine's
     * speed of the hour, these show where the time went.
     */
    private static String cpuPerOperation(String operation, OptionalDouble machine, OptionalDouble process,
                                          String processName) {
        if (machine.isEmpty()) {
            return "";
        }
        return String.format("; CPU per %s: machine %.0f µs%s", operation, machine.getAsDouble(),
                process.isPresent() ? String.format(", %s %.0f µs", processName, process.getAsDouble()) : "");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 6. Rebuild (replay)

    public void rebuild() {
        Figure figure = report.figure("rebuild", "6. QC rebuild (replay from earliest)", "events/s",
                Target.atLeast(20_000));
        settle();
        for (int run = 1; run <= options.runs(); run++) {
            JsonNode started = api.post(system.qcUrl() + "/api/admin/replay", Map.of("from", "earliest"));
            String id = started.get("id").asText();
            JsonNode state = started;
            Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
            while (List.of("RUNNING", "SWITCHING").contains(state.path("status").asText())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new BenchFailure("replay " + id + " still running after " + SETTLE_TIMEOUT.toMinutes()
                            + " min");
                }
                pause(Duration.ofMillis(100));
                state = api.get(system.qcUrl() + "/api/admin/replay/" + id);
            }
            if (!"DONE".equals(state.path("status").asText())) {
                throw new BenchFailure("replay " + id + " ended " + state.path("status").asText() + ": " + state);
            }
            long events = state.path("progress").path("done").asLong();
            double seconds = Duration.between(Instant.parse(state.get("startedAt").asText()),
                    Instant.parse(state.get("finishedAt").asText())).toMillis() / 1000.0;
            figure.add(events / seconds);
            figure.note(events + " events (production-events and qc-events), from the replay's start to switched in");
            log("rebuild run " + run + ": " + events + " events in " + seconds + " s = " + Math.round(events / seconds)
                    + " events/s");
            settle();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1. Stage-change writes beside pgbench

    public void writes() {
        PgBench.requireInstalled();
        Wrk.requireInstalled();
        api.ensureReferenceData(system.catalogUrl());
        PgBench pgbench = new PgBench(system.database(), system.projectDir(), work);
        pgbench.prepare();
        declareWriteFigures(16);
        // CPU time per operation, at the concurrency of the targets (every run's is in the log)
        Figure machineCpu = report.figure("writes.c16.cpu.machine", "1. writes c16: machine CPU per stage change",
                "µs", null).note("all cores' busy time from the start of the wrk run until the relay and the"
                + " qc-service have taken in its changes, over the changes: the catalog, PostgreSQL, Kafka, the"
                + " qc-service, wrk");
        Figure catalogCpu = report.figure("writes.c16.cpu.catalog", "1. writes c16: catalog CPU per stage change",
                "µs", null).note("the catalog-service process, over the same span (its relay included)");
        Figure pgbenchCpu = report.figure("writes.c16.pgbench.cpu.machine",
                "1. writes c16: machine CPU per pgbench transaction", "µs", null)
                .note("all cores' busy time over the pgbench run, over its transactions (pgbench included)");
        declareWriteFigures(64);
        if (!options.warmUp().isZero()) {
            Path ids = batchIds(batchesFor(serviceWriteRate, options.warmUp()));
            log("warm-up: wrk stage changes -c16 for " + options.warmUp().toSeconds() + " s");
            Wrk.Result warmUp = wrk.run(system.catalogUrl(), "stages", ids, options.threads(), 16,
                    options.warmUp());
            if (warmUp.exhausted()) {
                // It warmed the catalog up all the same, for as long as its batches lasted; the runs measured are
                // planned for a faster catalog.
                serviceWriteRate *= 2;
                log("the warm-up's batches ran out of stages after " + warmUp.requests() + " changes, before its"
                        + " end: the catalog ran faster than planned for");
            } else {
                serviceWriteRate = Math.max(serviceWriteRate, warmUp.requestsPerSecond());
            }
            settle();
        }
        for (int run = 1; run <= options.runs(); run++) {
            for (int concurrency : List.of(16, 64)) {
                String c = "c" + concurrency;
                StageChanges measured = stageChanges(concurrency, options.duration());
                Wrk.Result service = measured.result();
                CpuReading beforeService = measured.before();
                settle();
                CpuReading afterService = CpuReading.now(system.pid(SystemUnderTest.CATALOG));
                OptionalDouble serviceMachineCpu = afterService.machineMicrosPer(beforeService, service.requests());
                OptionalDouble serviceCatalogCpu = afterService.processMicrosPer(beforeService, service.requests());
                log("writes " + c + " run " + run + ": catalog " + Math.round(service.requestsPerSecond())
                        + " req/s, p50 " + service.p50Millis() + " ms, p99 " + service.p99Millis() + " ms"
                        + cpuPerOperation("stage change", serviceMachineCpu, serviceCatalogCpu, "catalog"));
                CpuReading beforeDb = CpuReading.now(OptionalLong.empty());
                PgBench.Result db = pgbench.run(concurrency, options.threads(), options.duration(),
                        batchesFor(pgbenchWriteRate, options.duration()));
                OptionalDouble dbMachineCpu = CpuReading.now(OptionalLong.empty())
                        .machineMicrosPer(beforeDb, db.transactions());
                pgbenchWriteRate = Math.max(pgbenchWriteRate, db.tps());
                log("writes " + c + " run " + run + ": pgbench " + Math.round(db.tps()) + " tps, p99 "
                        + db.p99Millis() + " ms" + cpuPerOperation("transaction", dbMachineCpu, OptionalDouble.empty(),
                        null));
                if (concurrency == 16) {
                    serviceMachineCpu.ifPresent(machineCpu::add);
                    serviceCatalogCpu.ifPresent(catalogCpu::add);
                    dbMachineCpu.ifPresent(pgbenchCpu::add);
                }
                report.figure("writes." + c + ".tps", null, null, null).add(service.requestsPerSecond());
                report.figure("writes." + c + ".pgbench", null, null, null).add(db.tps());
                report.figure("writes." + c + ".ratio", null, null, null).add(service.requestsPerSecond() / db.tps());
                report.figure("writes." + c + ".p50", null, null, null).add(service.p50Millis());
                report.figure("writes." + c + ".p99", null, null, null).add(service.p99Millis());
                report.figure("writes." + c + ".pgbench.p99", null, null, null).add(db.p99Millis());
            }
        }
        skipWithoutCpuTimes(List.of(machineCpu, catalogCpu, pgbenchCpu));
    }

    private static void skipWithoutCpuTimes(List<Figure> figures) {
        for (Figure cpu : figures) {
            if (!cpu.hasValues()) {
                cpu.skip("no CPU times: this machine has no /proc, or the catalog's process is not visible here");
            }
        }
    }

    /** The figures of the write runs at {@code concurrency}, in the report's order; the targets are set at c16. */
    private void declareWriteFigures(int concurrency) {
        String c = "c" + concurrency;
        report.figure("writes." + c + ".tps", "1. writes " + c + ": catalog stage changes", "req/s", null);
        report.figure("writes." + c + ".pgbench", "1. writes " + c + ": pgbench, same transaction (ceiling)",
                "tps", null);
        report.figure("writes." + c + ".ratio", "1. writes " + c + ": catalog / pgbench", "",
                concurrency == 16 ? Target.atLeast(0.40) : null);
        report.figure("writes." + c + ".p50", "1. writes " + c + ": catalog p50", "ms", null);
        report.figure("writes." + c + ".p99", "1. writes " + c + ": catalog p99", "ms",
                concurrency == 16 ? Target.atMost(50) : null);
        report.figure("writes." + c + ".pgbench.p99", "1. writes " + c + ": pgbench p99", "ms", null);
    }

    /** A wrk run of stage changes, and the CPU times read just before it started. */
    private record StageChanges(Wrk.Result result, CpuReading before) {
    }

    /**
     * wrk's stage changes at {@code concurrency} for {@code duration}, over batches planned for the fastest rate
     * seen so far. When they ran out of stages before the end (the catalog ran faster than that), the run is not
     * counted: batches are planned for twice the rate and it runs again, up to {@value #REPLANS} times.
     */
    private StageChanges stageChanges(int concurrency, Duration duration) {
        for (int attempt = 0; ; attempt++) {
            Path ids = batchIds(batchesFor(serviceWriteRate, duration));
            settle();
            CpuReading before = CpuReading.now(system.pid(SystemUnderTest.CATALOG));
            Wrk.Result result = wrk.run(system.catalogUrl(), "stages", ids, options.threads(), concurrency,
                    duration);
            if (!result.exhausted()) {
                serviceWriteRate = Math.max(serviceWriteRate, result.requestsPerSecond());
                return new StageChanges(result, before);
            }
            if (attempt == REPLANS) {
                throw new BenchFailure("the batches ran out of stages during the run (" + result.requests()
                        + " requests) although planned for " + Math.round(serviceWriteRate) + " a second");
            }
            serviceWriteRate *= 2;
            log("writes c" + concurrency + ": the batches ran out of stages after " + result.requests()
                    + " changes, before the run's end; not counted, run again over batches planned for "
                    + Math.round(serviceWriteRate) + " changes a second");
        }
    }

    /** Enough batches for a run at up to 1.5 times {@code rate} for {@code duration}, 5 stages each. */
    private static int batchesFor(double rate, Duration duration) {
        return (int) Math.max(1_000, Math.ceil(rate * 1.5 * duration.toSeconds() / 5));
    }

    /** Plans {@code count} batches and writes their ids to a file for wrk. */
    private Path batchIds(int count) {
        Instant started = Instant.now();
        List<String> ids = api.planBatches(system.catalogUrl(), count, 16);
        log("planned " + count + " batches in " + Duration.between(started, Instant.now()).toMillis() + " ms");
        plannedBatches.addAll(ids);
        return idsFile(ids);
    }

    private Path idsFile(List<String> ids) {
        try {
            Path file = Files.createTempFile(work, "batch-ids-", ".txt");
            Files.write(file, ids);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2. Reads

    /**
     * Reads at c64, as clients send them (the catalog answers from its batch cache what it holds), then with
     * {@code Cache-Control: no-cache}, which the catalog answers from the database: the second shows what the
     * first would be without the cache.
     */
    public void reads() {
        Wrk.requireInstalled();
        if (plannedBatches.isEmpty()) {
            api.ensureReferenceData(system.catalogUrl());
            batchIds(5_000);
        }
        Path ids = idsFile(plannedBatches);
        settle();
        if (!options.warmUp().isZero()) {
            log("warm-up: wrk reads -c64 for " + options.warmUp().toSeconds() + " s");
            wrk.run(system.catalogUrl(), "reads", ids, options.threads(), 64, options.warmUp());
        }
        readRuns(ids, "reads", "reads", "2. reads c64", "GET /api/batches/{id}", Target.atLeast(20_000),
                Target.atMost(30))
                .note("over " + plannedBatches.size() + " batches, after a warm-up of " + options.warmUp().toSeconds()
                        + " s; the catalog answers them from its batch cache");
        readRuns(ids, "reads-db", "reads.db", "2. reads c64 from the database", "with Cache-Control: no-cache",
                null, null)
                .note("the same reads with Cache-Control: no-cache, which the catalog answers from PostgreSQL;"
                        + " after the cached ones, without a warm-up of their own");
    }

    /**
     * {@code --runs} wrk runs of reads in {@code mode} (of {@code bench.lua}), reported under {@code key} with
     * titles starting with {@code label}; returns the figure of their rate.
     */
    private Figure readRuns(Path ids, String mode, String key, String label, String what, Target rateTarget,
                            Target p99Target) {
        Figure rate = report.figure(key + ".rps", label + ": " + what, "req/s", rateTarget);
        Figure p50 = report.figure(key + ".p50", label + ": p50", "ms", null);
        Figure p99 = report.figure(key + ".p99", label + ": p99", "ms", p99Target);
        Figure machineCpu = report.figure(key + ".cpu.machine", label + ": machine CPU per read", "µs", null)
                .note("all cores' busy time over the wrk run, over its reads: the catalog, PostgreSQL, wrk, and"
                        + " whatever else runs");
        Figure catalogCpu = report.figure(key + ".cpu.catalog", label + ": catalog CPU per read", "µs", null)
                .note("the catalog-service process, over the same span");
        for (int run = 1; run <= options.runs(); run++) {
            CpuReading before = CpuReading.now(system.pid(SystemUnderTest.CATALOG));
            Wrk.Result result = wrk.run(system.catalogUrl(), mode, ids, options.threads(), 64, options.duration());
            CpuReading after = CpuReading.now(system.pid(SystemUnderTest.CATALOG));
            OptionalDouble machine = after.machineMicrosPer(before, result.requests());
            OptionalDouble catalog = after.processMicrosPer(before, result.requests());
            log(mode + " run " + run + ": " + Math.round(result.requestsPerSecond()) + " req/s, p99 "
                    + result.p99Millis() + " ms" + cpuPerOperation("read", machine, catalog, "catalog"));
            rate.add(result.requestsPerSecond());
            p50.add(result.p50Millis());
            p99.add(result.p99Millis());
            machine.ifPresent(machineCpu::add);
            catalog.ifPresent(catalogCpu::add);
        }
        skipWithoutCpuTimes(List.of(machineCpu, catalogCpu));
        return rate;
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3 and 4. End-to-end event latency and outbox publish latency at a steady rate

    public void endToEnd() {
        // The issue measures both from the catalog's commit; the server knows when a transaction committed only
        // with track_commit_timestamp on (the local stack's setting). The same latencies from the change's time,
        // taken before the commit, are reported beside them (and alone, carrying the targets, without it).
        boolean fromCommit = EventLatencies.commitTimesRecorded(system);
        Figure e2e50 = report.figure("e2e.commit.p50", "3. end to end: catalog commit → visible in QC (its commit),"
                + " p50", "ms", null);
        Figure e2e99 = report.figure("e2e.commit.p99", "3. end to end: catalog commit → visible in QC (its commit),"
                + " p99", "ms", fromCommit ? Target.atMost(250) : null);
        Figure pub50 = report.figure("publish.commit.p50", "4. outbox publish: commit → acknowledged by Kafka, p50",
                "ms", null);
        Figure pub99 = report.figure("publish.commit.p99", "4. outbox publish: commit → acknowledged by Kafka, p99",
                "ms", fromCommit ? Target.atMost(50) : null);
        Figure changeE2e50 = report.figure("e2e.p50", "3. end to end: catalog change → applied in QC, p50", "ms",
                null);
        Figure changeE2e99 = report.figure("e2e.p99", "3. end to end: catalog change → applied in QC, p99", "ms",
                fromCommit ? null : Target.atMost(250));
        Figure changePub50 = report.figure("publish.p50", "4. outbox publish: change → acknowledged by Kafka, p50",
                "ms", null);
        Figure changePub99 = report.figure("publish.p99", "4. outbox publish: change → acknowledged by Kafka, p99",
                "ms", fromCommit ? null : Target.atMost(50));
        if (!fromCommit) {
            String reason = "the server does not record commit times (track_commit_timestamp is off); the figures"
                    + " from the change's time below carry the targets";
            List.of(e2e50, e2e99, pub50, pub99).forEach(figure -> figure.skip(reason));
        }
        Figure http99 = report.figure("e2e.http.p99", "3. stage change HTTP p99 at the steady rate", "ms", null);
        Figure achieved = report.figure("e2e.rate", "3. stage changes sent per second", "req/s", null);
        api.ensureReferenceData(system.catalogUrl());
        int changes = (int) (options.e2eRate() * options.e2eDuration().toSeconds());
        // Enough batches that a batch's next stage is sent at least 10 s after the previous one.
        int batchCount = Math.max((changes + 4) / 5, options.e2eRate() * 10);
        if (!options.warmUp().isZero()) {
            int warmUpChanges = (int) (options.e2eRate() * options.warmUp().toSeconds());
            List<String> batches = api.planBatches(system.catalogUrl(), Math.max((warmUpChanges + 4) / 5,
                    options.e2eRate() * 10), 16);
            settle();
            log("warm-up: " + warmUpChanges + " stage changes at " + options.e2eRate() + "/s");
            OpenLoad.stageChanges(system.catalogUrl(), batches, warmUpChanges, options.e2eRate());
        }
        for (int run = 1; run <= options.runs(); run++) {
            List<String> batches = api.planBatches(system.catalogUrl(), batchCount, 16);
            settle();
            OpenLoad.Result load = OpenLoad.stageChanges(system.catalogUrl(), batches, changes, options.e2eRate());
            log("e2e run " + run + ": sent " + changes + " stage changes at " + Math.round(load.achievedRate())
                    + "/s, HTTP p99 " + load.p99Millis() + " ms, " + load.failures() + " failed");
            if (load.failures() > 0) {
                throw new BenchFailure(load.failures() + " of " + changes + " stage changes failed: "
                        + load.firstFailure());
            }
            settle();
            EventLatencies latencies = EventLatencies.read(system, batches, fromCommit);
            log("e2e run " + run + ": " + latencies.events() + " events; from the change's time: end to end "
                    + latencies.endToEndFromChange() + ", publish " + latencies.publishFromChange()
                    + (fromCommit ? "; from the commit: end to end " + latencies.endToEnd() + ", publish "
                    + latencies.publish() : ""));
            if (fromCommit) {
                e2e50.add(latencies.endToEnd().p50());
                e2e99.add(latencies.endToEnd().p99());
                pub50.add(latencies.publish().p50());
                pub99.add(latencies.publish().p99());
            }
            changeE2e50.add(latencies.endToEndFromChange().p50());
            changeE2e99.add(latencies.endToEndFromChange().p99());
            changePub50.add(latencies.publishFromChange().p50());
            changePub99.add(latencies.publishFromChange().p99());
            http99.add(load.p99Millis());
            achieved.add(load.achievedRate());
        }
        String load = options.e2eRate() + " stage changes/s for " + options.e2eDuration().toSeconds() + " s per run";
        if (fromCommit) {
            e2e99.note(load + "; commit time of QC's transaction applying the event − commit time of the catalog's"
                    + " transaction writing it (track_commit_timestamp)");
            pub99.note("outbox published_at (set by the relay once Kafka acknowledged) − commit time of the"
                    + " catalog's transaction");
        }
        changeE2e99.note(load + "; QC processed_at (its transaction's start) − the event's occurredAt (taken in the"
                + " catalog's transaction, before its commit)");
        changePub99.note("outbox published_at − the event's occurredAt");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 7. Resident memory after the load

    public void memoryAfterLoad() {
        settle();
        pause(Duration.ofSeconds(2));
        for (String service : List.of(SystemUnderTest.CATALOG, SystemUnderTest.QC)) {
            Figure after = report.figure("rss.after." + short_(service), "7. " + service
                    + ": resident memory after the load", "MB", Target.atMost(300));
            Figure peak = report.figure("rss.peak." + short_(service), "7. " + service
                    + ": peak resident memory (VmHWM)", "MB", null);
            after.note("read " + options.runs() + " times, 1 s apart, once the load of the phases run ("
                    + String.join(", ", options.phases()) + ") was taken in");
            for (int run = 0; run < options.runs(); run++) {
                rss(service).ifPresentOrElse(after::add, () -> after.fail("no process found for " + service));
                pause(Duration.ofSeconds(1));
            }
            OptionalLong pid = system.pid(service);
            if (pid.isPresent()) {
                Procs.peakRssKb(pid.getAsLong()).ifPresent(kb -> peak.add(kb / 1024.0));
                peak.note("once: the process's peak since it started");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private java.util.Optional<Double> rss(String service) {
        OptionalLong pid = system.pid(service);
        if (pid.isEmpty()) {
            return java.util.Optional.empty();
        }
        OptionalLong kb = Procs.rssKb(pid.getAsLong());
        return kb.isPresent() ? java.util.Optional.of(kb.getAsLong() / 1024.0) : java.util.Optional.empty();
    }

    private static String short_(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    /**
     * Waits until the system has taken in everything sent so far: no unpublished outbox rows in either service,
     * both consumer groups at the end of their topics, no inspection waiting for its profile.
     */
    public void settle() {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        Instant nextReport = Instant.now().plusSeconds(15);
        Database db = system.database();
        while (true) {
            long catalogOutbox = db.number(system.catalogDatabase(),
                    "select count(*) from outbox_event where published_at is null");
            long qcOutbox = db.number(system.qcDatabase(), "select count(*) from outbox_event where published_at is null");
            long awaiting = db.number(system.qcDatabase(),
                    "select count(*) from inspection where status = 'AWAITING_PROFILE'");
            long qcLag = kafka.lag(options.qcGroup(), Topics.PRODUCTION_EVENTS);
            long catalogLag = kafka.lag(options.catalogGroup(), Topics.QC_EVENTS);
            if (catalogOutbox + qcOutbox + awaiting + qcLag + catalogLag == 0) {
                return;
            }
            String state = "catalog outbox " + catalogOutbox + ", QC lag " + qcLag + ", inspections awaiting a profile "
                    + awaiting + ", QC outbox " + qcOutbox + ", catalog lag " + catalogLag;
            if (Instant.now().isAfter(deadline)) {
                throw new BenchFailure("the system did not settle within " + SETTLE_TIMEOUT.toMinutes() + " min: "
                        + state);
            }
            if (Instant.now().isAfter(nextReport)) {
                log("waiting for the system to settle: " + state);
                nextReport = Instant.now().plusSeconds(15);
            }
            pause(Duration.ofMillis(100));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    /** Stops the services the suite launched besides the stack's own (the ingest instance). */
    public void stopExtraServices() {
        PackagedService instance = ingestInstance;
        if (instance != null) {
            instance.close();
        }
    }

    public void close() {
        kafka.close();
    }
}
