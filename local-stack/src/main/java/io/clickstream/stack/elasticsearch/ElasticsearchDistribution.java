package io.clickstream.stack.elasticsearch;

import io.clickstream.stack.process.DirectoryTrees;
import io.clickstream.stack.process.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution (Maven Central's minimal integ-test zip), unpacked once into the
 * cache directory and then only read. The cache lives outside root's home (mode 700) so that the
 * unprivileged user Elasticsearch runs as under root can reach it.
 */
public final class ElasticsearchDistribution {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final String COMPLETE = ".unpacked";

    private ElasticsearchDistribution() {
    }

    /** The unpacked home ({@code <cache>/elasticsearch-<version>}), unpacking {@code zip} first if needed. */
    public static Path unpacked(Path zip, Path cacheDir) {
        String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path home = cacheDir.resolve(name);
        if (Files.exists(home.resolve(COMPLETE))) {
            return home;
        }
        try {
            createReachable(cacheDir);
            // Unpack beside the target and rename, so a concurrent or interrupted unpack never leaves
            // a half-filled home that looks complete.
            Path staging = Files.createTempDirectory(cacheDir, ".unpack-");
            try {
                unzip(zip, staging);
                Path top = staging.resolve(name);
                if (!Files.isDirectory(top)) {
                    throw new StackException(zip + " does not contain " + name + "/");
                }
                Files.writeString(top.resolve(COMPLETE), "");
                Files.setPosixFilePermissions(top.resolve(COMPLETE), FILE);
                try {
                    Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    if (!Files.exists(home.resolve(COMPLETE))) {
                        throw new StackException(home + " exists but is incomplete; delete it and retry");
                    }
                }
            } finally {
                DirectoryTrees.delete(staging);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + cacheDir, e);
        }
    }

    /** Creates {@code dir} (and missing parents) with mode 755 whatever the umask is. */
    public static void createReachable(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createReachable(parent);
        }
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, DIR);
        } catch (FileAlreadyExistsException ignored) {
            // created concurrently
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new StackException("unsafe entry " + entry.getName() + " in " + zip);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, DIR);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.setPosixFilePermissions(out.getParent(), DIR);
                try (InputStream in = zf.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip does not expose Unix modes: the shell scripts under bin/ are the only
                // executables this distribution needs (no bundled JDK, no native ML binaries).
                boolean executable = out.getParent().getFileName().toString().equals("bin")
                        && !out.getFileName().toString().contains(".");
                Files.setPosixFilePermissions(out, executable ? DIR : FILE);
            }
        }
    }
}
