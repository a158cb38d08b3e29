package dev.sneakerqc.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The external programs the suite runs. */
final class Tools {

    private Tools() {
    }

    /** Fails with how to install {@code program} unless it runs. */
    static void require(String program, String versionOption, String install) {
        try {
            Process process = new ProcessBuilder(program, versionOption).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new BenchFailure(program + " is needed and was not found on the PATH; install " + install);
    }
}
