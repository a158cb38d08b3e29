package dev.sneakerqc.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** File-system helpers for the launchers' working directories. */
public final class Directories {

    private Directories() {
    }

    /**
     * A new directory under {@code java.io.tmpdir}, readable and traversable by everyone (rwxr-xr-x), so that a
     * server running as another user can reach the directories below it.
     */
    public static Path createTemp(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            setMode(dir, "rwxr-xr-x");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory", e);
        }
    }

    /** Sets POSIX permissions (e.g. {@code "rwx------"}) where the file system has them; no-op elsewhere. */
    public static void setMode(Path path, String mode) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }

    /** Deletes a tree without following symbolic links; a missing tree is fine. */
    public static void deleteRecursively(Path root) throws IOException {
        if (root == null || Files.notExists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Like {@link #deleteRecursively} but only logs a failure; for shutdown paths. */
    public static void deleteQuietly(Path root, System.Logger log) {
        try {
            deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "Could not delete " + root, e);
        }
    }
}
