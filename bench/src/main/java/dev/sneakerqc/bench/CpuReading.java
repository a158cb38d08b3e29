package dev.sneakerqc.bench;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * CPU time used so far by one process and by the whole machine, read from {@code /proc}. Two readings around a
 * piece of work give its CPU time per operation: on a saturated machine whose speed moves from hour to hour, that
 * shows where the time went better than a rate does.
 *
 * @param processMillis the process's CPU time (user and system), empty if it is gone or unknown
 * @param machineMillis the time all cores were busy, empty without {@code /proc/stat}
 */
public record CpuReading(OptionalLong processMillis, OptionalLong machineMillis) {

    /** A reading of {@code pid} (none: the machine only) and of the machine, now. */
    public static CpuReading now(OptionalLong pid) {
        return new CpuReading(pid.isPresent() ? Procs.cpuMillis(pid.getAsLong()) : OptionalLong.empty(),
                Procs.machineBusyMillis());
    }

    /** The process's CPU time per operation since {@code before}, in µs. */
    public OptionalDouble processMicrosPer(CpuReading before, long operations) {
        return per(before.processMillis, processMillis, operations);
    }

    /** The machine's CPU time per operation since {@code before}, in µs. */
    public OptionalDouble machineMicrosPer(CpuReading before, long operations) {
        return per(before.machineMillis, machineMillis, operations);
    }

    private static OptionalDouble per(OptionalLong before, OptionalLong after, long operations) {
        if (before.isEmpty() || after.isEmpty() || operations <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((after.getAsLong() - before.getAsLong()) * 1000.0 / operations);
    }
}
