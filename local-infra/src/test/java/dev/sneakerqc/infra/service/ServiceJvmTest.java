package dev.sneakerqc.infra.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ServiceJvmTest {

    @TempDir
    Path application;

    @Test
    void aLaunchWithoutACacheTrainsOne() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");

        ServiceJvm.Launch launch = ServiceJvm.launch("qc-service", application, Map.of("JAVA_OPTS_APPEND", " "));

        assertNotNull(launch.training());
        assertTrue(launch.options().contains("-XX:AOTCacheOutput=" + launch.training()), launch.options()::toString);
    }

    @Test
    void aLaunchWithExtraOptionsNeverTrainsACacheThatOtherLaunchesCouldNotUse() throws Exception {
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");

        ServiceJvm.Launch launch = ServiceJvm.launch("qc-service", application,
                Map.of("JAVA_OPTS_APPEND", "-XX:StartFlightRecording=filename=/tmp/x.jfr"));

        assertNull(launch.training());
        List<String> options = launch.options();
        assertTrue(options.stream().noneMatch(option -> option.startsWith("-XX:AOTCache")), options::toString);
        assertEquals("-XX:StartFlightRecording=filename=/tmp/x.jfr", options.getLast());
    }

    @Test
    void aCurrentCacheIsUsedWithExtraOptionsToo() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");
        Path cache = application.resolve(ServiceJvm.AOT_CACHE);
        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        ServiceJvm.Launch launch = ServiceJvm.launch("qc-service", application, Map.of("JAVA_OPTS_APPEND", "-Dx=1"));

        assertNull(launch.training());
        assertTrue(launch.options().containsAll(List.of("-XX:AOTCache=" + cache, "-Dx=1")), launch.options()::toString);
    }

    @Test
    void theCatalogRunsWithTheC2CompilerAloneAndTheCodeCacheOfBothTiersAndTheQcServiceWithBothTiersAndItsFirstTierLater()
            throws Exception {
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");

        List<String> catalog = ServiceJvm.launch("catalog-service", application, Map.of("JAVA_OPTS_APPEND", "-Dx=1"))
                .options();
        List<String> qc = ServiceJvm.launch("qc-service-ingest-1", application, Map.of("JAVA_OPTS_APPEND", "-Dx=1"))
                .options();

        assertTrue(catalog.containsAll(List.of("-XX:-TieredCompilation", "-XX:ReservedCodeCacheSize=240m")),
                catalog::toString);
        assertEquals("-Dx=1", catalog.getLast(), "JAVA_OPTS_APPEND comes last, so that it can override");
        assertTrue(qc.stream().noneMatch(option -> option.contains("TieredCompilation")
                || option.contains("CodeCache")), qc::toString);
        assertTrue(qc.containsAll(List.of("-XX:CompileThresholdScaling=10", "-XX:Tier4InvocationThreshold=500",
                "-XX:Tier4MinInvocationThreshold=60", "-XX:Tier4CompileThreshold=1500",
                "-XX:Tier4BackEdgeThreshold=4000")), qc::toString);
        assertTrue(catalog.stream().noneMatch(option -> option.contains("Threshold")), catalog::toString);
    }
}
