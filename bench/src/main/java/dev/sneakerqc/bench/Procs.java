package dev.sneakerqc.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Linux process facts from {@code /proc}: resident memory, CPU time, and which process listens on a port. */
public final class Procs {

    private Procs() {
    }

    /** Resident set size now ({@code VmRSS}), in kB; empty if the process is gone or there is no /proc. */
    public static OptionalLong rssKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    /** The peak resident set size since the process started ({@code VmHWM}), in kB. */
    public static OptionalLong peakRssKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    /** CPU time the process has used so far (user and system), in ms; empty if it is gone. */
    public static OptionalLong cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(cpu -> OptionalLong.of(cpu.toMillis())).orElse(OptionalLong.empty());
    }

    /**
     * CPU time the whole machine has been busy so far (all cores, everything but idle and I/O wait), in ms, from
     * {@code /proc/stat}; empty if there is no /proc.
     */
    public static OptionalLong machineBusyMillis() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().strip().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return OptionalLong.of(busy * 1000 / 100); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }

    /** The process with a socket listening on TCP {@code port} (any address), if this user may see it. */
    public static OptionalLong listeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] fields = line.strip().split("\\s+");
                    String local = fields[1];
                    int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    if (localPort == port && "0A".equals(fields[3])) { // 0A = LISTEN
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")
                                && inodes.contains(target.substring(8, target.length() - 1))) {
                            return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // not ours to look at, or gone
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return OptionalLong.empty();
    }
}
