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

        ServiceJvm.Launch launch = ServiceJvm.launch(application, Map.of("JAVA_OPTS_APPEND", " "));

        assertNotNull(launch.training());
        assertTrue(launch.options().contains("-XX:AOTCacheOutput=" + launch.training()), launch.options()::toString);
    }

    @Test
    void aLaunchWithExtraOptionsNeverTrainsACacheThatOtherLaunchesCouldNotUse() throws Exception {
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");

        ServiceJvm.Launch launch = ServiceJvm.launch(application,
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

        ServiceJvm.Launch launch = ServiceJvm.launch(application, Map.of("JAVA_OPTS_APPEND", "-Dx=1"));

        assertNull(launch.training());
        assertTrue(launch.options().containsAll(List.of("-XX:AOTCache=" + cache, "-Dx=1")), launch.options()::toString);
    }

    @Test
    void theServicesOwnOptionsComeFromItsOptionsFileBeforeTheExtraOnes() throws Exception {
        Files.writeString(application.resolve("quarkus-run.jar"), "jar");
        Files.writeString(application.resolve(ServiceJvm.SERVICE_OPTIONS),
                "# why the first option\n-XX:TieredStopAtLevel=1\n\n  -Dservice=qc  \n");

        List<String> options = ServiceJvm.launch(application, Map.of("JAVA_OPTS_APPEND", "-Dx=1")).options();

        assertTrue(options.containsAll(List.of("-XX:TieredStopAtLevel=1", "-Dservice=qc")), options::toString);
        assertTrue(options.stream().noneMatch(option -> option.startsWith("#") || option.isBlank()),
                options::toString);
        assertTrue(options.indexOf("-Dservice=qc") < options.indexOf("-Dx=1"), options::toString);
    }

    @Test
    void aCacheOlderThanTheServicesOptionsIsTrainedAgain() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path jar = Files.writeString(application.resolve("quarkus-run.jar"), "jar");
        Path cache = Files.writeString(application.resolve(ServiceJvm.AOT_CACHE), "cache");
        Path serviceOptions = Files.writeString(application.resolve(ServiceJvm.SERVICE_OPTIONS), "-Dx=1\n");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 120_000));
        Files.setLastModifiedTime(cache, FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(serviceOptions, FileTime.fromMillis(now));

        ServiceJvm.Launch launch = ServiceJvm.launch(application, Map.of("JAVA_OPTS_APPEND", " "));

        assertNotNull(launch.training());
        assertTrue(launch.options().stream().noneMatch(option -> option.startsWith("-XX:AOTCache=")),
                launch.options()::toString);
    }
}
