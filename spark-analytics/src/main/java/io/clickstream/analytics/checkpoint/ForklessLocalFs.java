package io.clickstream.analytics.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * {@code fs.AbstractFileSystem.file.impl}: the {@code FileContext} view of the local file system
 * that Spark's streaming checkpoints use (its {@code FileContextBasedCheckpointFileManager} renames
 * atomically with overwrite), over {@link ForklessRawLocalFileSystem}. Mirrors Hadoop's
 * {@code LocalFs}/{@code RawLocalFs}, whose constructors are not public.
 */
public class ForklessLocalFs extends ChecksumFs {

    /** The Hadoop settings that make a job's local files use these classes. */
    public static final Map<String, String> HADOOP_CONF = Map.of(
            "fs.file.impl", ForklessLocalFileSystem.class.getName(),
            "fs.AbstractFileSystem.file.impl", ForklessLocalFs.class.getName());

    public ForklessLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(uri, conf));
    }

    /** Like Hadoop's {@code RawLocalFs}, delegating to {@link ForklessRawLocalFileSystem}. */
    static final class Raw extends DelegateToFileSystem {
        Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new ForklessRawLocalFileSystem(), conf, "file", false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            // As Hadoop's RawLocalFs: local file systems differ, so let the OS decide.
            return true;
        }
    }
}
