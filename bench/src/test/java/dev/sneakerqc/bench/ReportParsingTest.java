package dev.sneakerqc.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The suite's own arithmetic and parsing; the benchmark itself never runs in the build. */
class ReportParsingTest {

    @Test
    void medianOfOddAndEvenCountsWithRange() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Stats(2.5, 1.0, 4.0, 4));
        assertThat(Stats.of(List.of(7.0))).isEqualTo(new Stats(7.0, 7.0, 7.0, 1));
    }

    @Test
    void targetIsJudgedOnTheMedian() {
        Figure figure = new Figure("reads.p99", "reads p99", "ms", Target.atMost(30));
        figure.add(25).add(40).add(29);
        assertThat(figure.met()).isTrue();
        figure.add(50).add(60);
        assertThat(figure.met()).isFalse(); // median 40
        assertThat(new Figure("x", "x", "", null).add(1).met()).isNull();
        assertThat(Target.atLeast(0.4).metBy(0.4)).isTrue();
    }

    @Test
    void aMedianThatWouldPrintAsItsTargetGetsMoreDecimals() {
        assertThat(Figure.format(0.3978, "", Target.atLeast(0.40))).isEqualTo("0.398");
        assertThat(Figure.format(0.40004, "", Target.atLeast(0.40))).isEqualTo("0.40004");
        assertThat(Figure.format(50.04, "ms", Target.atMost(50))).isEqualTo("50.04 ms");
        assertThat(Figure.format(0.57, "", Target.atLeast(0.40))).isEqualTo("0.57");
        assertThat(Figure.format(0.40, "", Target.atLeast(0.40))).isEqualTo("0.40");
        assertThat(Figure.format(20_000.4, "events/s", Target.atLeast(20_000))).isEqualTo("20,000.4 events/s");
        assertThat(Figure.format(1234.5, "req/s", null)).isEqualTo("1,235 req/s");
    }

    @Test
    void tableAndJsonCarryMedianRangeTargetAndFailures() {
        Report report = new Report();
        report.figure("writes.c16.ratio", "1. writes c16: catalog / pgbench", "", Target.atLeast(0.40))
                .add(0.5).add(0.3).add(0.45);
        report.figure("rebuild", "6. rebuild", "events/s", Target.atLeast(20_000)).fail("replay ended FAILED");
        report.figure("startup.qc", "7. qc-service start", "s", Target.atMost(2)).skip("services already running");
        String table = report.table();
        assertThat(table).contains("1. writes c16: catalog / pgbench").contains("0.45").contains("0.30 – 0.50")
                .contains("≥ 0.40").contains("yes").contains("FAILED: replay ended FAILED")
                .contains("n/a: services already running");
        String json = report.json();
        assertThat(json).contains("\"median\" : 0.45").contains("\"runs\" : [ 0.5, 0.3, 0.45 ]")
                .contains("\"met\" : true").contains("\"failure\" : \"replay ended FAILED\"");
    }

    @Test
    void readsWrkSummaryLine() {
        Wrk.Result result = Wrk.parse("""
                Running 15s test @ http://localhost:8081
                  2 threads and 16 connections
                BENCH-JSON {"requests": 30000, "durationMicros": 15000000, "bytes": 1, "errors": {"connect": 0, \
                "read": 1, "write": 0, "status": 2, "timeout": 3}, "latencyMicros": {"min": 900, "mean": 5000.5, \
                "max": 90000, "p50": 4500, "p90": 8000, "p99": 21500, "p999": 60000}, "exhausted": false, \
                "firstError": "409 {'status':409}"}
                """);
        assertThat(result.requests()).isEqualTo(30000);
        assertThat(result.requestsPerSecond()).isEqualTo(2000.0);
        assertThat(result.p50Millis()).isEqualTo(4.5);
        assertThat(result.p99Millis()).isEqualTo(21.5);
        assertThat(result.non2xx()).isEqualTo(2);
        assertThat(result.socketErrors()).isEqualTo(4);
        assertThat(result.firstError()).isEqualTo("409 {'status':409}");
        assertThatThrownBy(() -> Wrk.parse("wrk: unknown option")).isInstanceOf(BenchFailure.class);
    }

    @Test
    void readsPgbenchSummaryAndLatencies() {
        Histogram latencies = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            latencies.recordValue(i * 1000L); // 1..100 ms
        }
        PgBench.Result result = PgBench.parse("""
                number of transactions actually processed: 75123
                number of failed transactions: 0 (0.000%)
                latency average = 3.2 ms
                tps = 5008.200000 (without initial connection time)
                """, latencies);
        assertThat(result.transactions()).isEqualTo(75123);
        assertThat(result.tps()).isEqualTo(5008.2);
        assertThat(result.p50Millis()).isCloseTo(50.0, within(0.1)); // HdrHistogram: 3 significant digits
        assertThat(result.p99Millis()).isCloseTo(99.0, within(0.1));
        assertThatThrownBy(() -> PgBench.parse("""
                number of transactions actually processed: 10
                number of failed transactions: 2 (16.7%)
                tps = 5.0 (without initial connection time)
                """, latencies)).isInstanceOf(BenchFailure.class);
    }

    @Test
    void databaseFromJdbcUrl() {
        Database database = Database.of("jdbc:postgresql://127.0.0.1:5433/postgres", "postgres", "secret");
        assertThat(database.host()).isEqualTo("127.0.0.1");
        assertThat(database.port()).isEqualTo(5433);
        assertThat(database.jdbcUrl("catalog")).isEqualTo("jdbc:postgresql://127.0.0.1:5433/catalog");
        assertThat(Database.of("jdbc:postgresql://db/x", "u", "p").port()).isEqualTo(5432);
    }

    @Test
    void aFullRunIsTheLatestReportAndARunOfSomePhasesGoesAside(@TempDir Path results) throws Exception {
        Report full = new Report();
        full.figure("rebuild", "6. rebuild", "events/s", Target.atLeast(20_000)).add(30_000).add(31_000).add(29_000);
        Path fullFile = full.write(results, Options.PHASES);
        Report some = new Report();
        some.figure("startup.qc", "7. qc-service start", "s", Target.atMost(2)).add(2.9).add(3.1).add(2.8);
        Path someFile = some.write(results, List.of("startup", "ingest"));

        assertThat(fullFile.getParent()).isEqualTo(results);
        assertThat(fullFile.getFileName().toString()).matches("\\d{8}-\\d{6}\\.json");
        assertThat(someFile.getParent()).isEqualTo(results.resolve("partial"));
        assertThat(someFile.getFileName().toString()).matches("\\d{8}-\\d{6}-startup-ingest\\.json");
        assertThat(Files.readString(someFile)).contains("startup.qc");
        assertThat(Files.readString(results.resolve("latest.json"))).isEqualTo(Files.readString(fullFile))
                .contains("rebuild").doesNotContain("startup.qc");
    }

    @Test
    void optionsRequireThreeRunsAndKnownPhases() {
        Path project = Path.of("/checkout");
        Options defaults = Options.parse(new String[0], project);
        assertThat(defaults.runs()).isEqualTo(3);
        assertThat(defaults.phases()).containsExactlyElementsOf(Options.PHASES);
        assertThat(defaults.resultsDir()).isEqualTo(Path.of("/checkout/bench/results"));
        Options some = Options.parse(new String[] {"--runs=5", "--only=writes,reads", "--use-running"}, project);
        assertThat(some.runs()).isEqualTo(5);
        assertThat(some.useRunning()).isTrue();
        assertThat(some.runs("writes")).isTrue();
        assertThat(some.runs("ingest")).isFalse();
        assertThatThrownBy(() -> Options.parse(new String[] {"--runs=2"}, project))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> Options.parse(new String[] {"--only=speed"}, project))
                .hasMessageContaining("unknown phase");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rusn=3"}, project))
                .hasMessageContaining("unknown option");
    }
}
