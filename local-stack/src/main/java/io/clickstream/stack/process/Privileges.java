package io.clickstream.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/**
 * Elasticsearch refuses to run as root. Under root the stack runs it as {@code nobody:nogroup}
 * through {@code setpriv}; for everyone else it runs as the current user.
 */
public final class Privileges {
    public static final String ES_USER = "nobody";
    public static final String ES_GROUP = "nogroup";

    private Privileges() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command prefix that drops root to the unprivileged user; empty when not root. */
    public static List<String> dropRootPrefix() {
        if (!isRoot()) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + ES_USER, "--regid=" + ES_GROUP, "--clear-groups", "--");
    }

    /**
     * Whether the unprivileged user can reach {@code dir}: every existing ancestor must be
     * executable by "others" (we never rely on group membership of {@code nobody}).
     */
    public static boolean reachableByUnprivileged(Path dir) {
        if (!isRoot()) {
            return true;
        }
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code dir} and everything under it owned by the unprivileged user (no-op unless root). */
    public static void handToUnprivileged(Path dir) {
        if (!isRoot()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            var user = lookup.lookupPrincipalByName(ES_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(ES_GROUP);
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    PosixFileAttributeView view =
                            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to " + ES_USER + ":" + ES_GROUP, e);
        }
    }
}
