package io.clickstream.analytics.checkpoint;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * {@code fs.file.impl}: Hadoop's checksummed local file system ({@link LocalFileSystem}) over
 * {@link ForklessRawLocalFileSystem}, for code that uses the {@code FileSystem} API.
 */
public class ForklessLocalFileSystem extends LocalFileSystem {

    public ForklessLocalFileSystem() {
        super(new ForklessRawLocalFileSystem());
    }
}
