package dev.sneakerqc.infra.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which operating-system user PostgreSQL runs as. PostgreSQL refuses to run as root, so when this JVM is root the
 * server programs are started as {@code nobody} (group {@code nogroup}, or {@code nobody} where that group does
 * not exist) through {@code setpriv}, or {@code runuser} where there is no setpriv; otherwise as the current user.
 */
final class ServerUser {

    private static final String USER = "nobody";

    private final UserPrincipal user;
    private final GroupPrincipal group;
    private final List<String> prefix;

    private ServerUser(UserPrincipal user, GroupPrincipal group, List<String> prefix) {
        this.user = user;
        this.group = group;
        this.prefix = prefix;
    }

    /** The user for this JVM: itself, or {@code nobody} when it is root. */
    static ServerUser forThisProcess() {
        if (!isRoot()) {
            return new ServerUser(null, null, List.of());
        }
        try {
            UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(USER);
            GroupPrincipal group = groupFor(lookup);
            List<String> prefix = onPath("setpriv")
                    ? List.of("setpriv", "--reuid=" + USER, "--regid=" + group.getName(), "--clear-groups")
                    : List.of("runuser", "-u", USER, "--");
            return new ServerUser(user, group, prefix);
        } catch (IOException e) {
            throw new IllegalStateException("Running as root, but the user '" + USER + "' to run PostgreSQL as"
                    + " could not be looked up (PostgreSQL refuses to run as root)", e);
        }
    }

    /** {@code command} prefixed so that it runs as this user. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether the server runs as a different user than this JVM. */
    boolean isSwitched() {
        return user != null;
    }

    /** Gives {@code path} to this user (a no-op unless switched). */
    void own(Path path) throws IOException {
        if (isSwitched()) {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        }
    }

    /**
     * Fails with a clear message if this user could not reach {@code path} because a parent directory is not
     * traversable by others (e.g. a data directory under {@code /root}).
     */
    void checkCanReach(Path path) throws IOException {
        if (!isSwitched()) {
            return;
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.exists(dir)) {
                continue;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            boolean ownedByUser = Files.getOwner(dir).getName().equals(user.getName());
            if (!ownedByUser && !permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as '" + user.getName() + "' because this JVM is root,"
                        + " but that user cannot enter " + dir + " (mode " + PosixFilePermissions.toString(permissions)
                        + ") to reach " + path + ". Use a directory under " + System.getProperty("java.io.tmpdir")
                        + " or make the parents world-traversable (chmod o+x).");
            }
        }
    }

    private static GroupPrincipal groupFor(UserPrincipalLookupService lookup) throws IOException {
        try {
            return lookup.lookupPrincipalByGroupName("nogroup");
        } catch (UserPrincipalNotFoundException e) {
            return lookup.lookupPrincipalByGroupName(USER);
        }
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
