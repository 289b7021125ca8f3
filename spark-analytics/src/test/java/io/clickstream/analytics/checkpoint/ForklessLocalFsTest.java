package io.clickstream.analytics.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.analytics.SparkSessions;
import io.clickstream.analytics.config.AnalyticsConfig;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForklessLocalFsTest {

    @TempDir
    java.nio.file.Path dir;

    private static Configuration conf() {
        Configuration conf = new Configuration();
        ForklessLocalFs.HADOOP_CONF.forEach(conf::set);
        return conf;
    }

    @Test
    void checkpointStyleWritesWorkThroughFileContext() throws Exception {
        FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
        assertThat(fc.getDefaultFileSystem()).isInstanceOf(ForklessLocalFs.class);
        Path offsets = new Path(dir.toUri().toString(), "offsets");
        fc.mkdir(offsets, FsPermission.getDirDefault(), true);

        // What Spark's FileContextBasedCheckpointFileManager does: write a temp file, rename it over.
        Path tmp = new Path(offsets, ".0.tmp");
        Path done = new Path(offsets, "0");
        for (String content : new String[] {"first", "second"}) {
            try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                    Options.CreateOpts.perms(new FsPermission((short) 0640)))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            fc.rename(tmp, done, Options.Rename.OVERWRITE);
        }

        java.nio.file.Path written = dir.resolve("offsets").resolve("0");
        assertThat(Files.readString(written)).isEqualTo("second");
        assertThat(Files.exists(dir.resolve("offsets").resolve(".0.tmp"))).isFalse();
        // The umask (022 by default) applies to the requested 0640.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-r-----");
        assertThat(fc.getFileLinkStatus(done).isFile()).isTrue();
        assertThat(fc.getFileLinkStatus(done).getLen()).isEqualTo(6);
    }

    @Test
    void fileSystemApiSetsPermissionsAndSeesSymbolicLinks() throws Exception {
        FileSystem fs = FileSystem.newInstance(dir.toUri(), conf());
        assertThat(fs).isInstanceOf(ForklessLocalFileSystem.class);
        Path file = new Path(dir.toUri().toString(), "state.zip");
        try (FSDataOutputStream out = fs.create(file)) {
            out.write(1);
        }
        fs.setPermission(file, new FsPermission((short) 0604));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.zip"))))
                .isEqualTo("rw----r--");
        assertThatThrownBy(() -> fs.setPermission(new Path(dir.toUri().toString(), "missing"), FsPermission.getFileDefault()))
                .isInstanceOf(FileNotFoundException.class);

        // A symbolic link is answered by Hadoop's own code, whatever it says about links.
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("state.zip"));
        Path link = new Path(dir.toUri().toString(), "link");
        RawLocalFileSystem hadoops = new RawLocalFileSystem();
        hadoops.initialize(dir.toUri(), new Configuration());
        FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
        assertThat(fc.getFileLinkStatus(link).isSymlink()).isEqualTo(hadoops.getFileLinkStatus(link).isSymlink());
        assertThat(fc.getFileLinkStatus(link).getLen()).isEqualTo(hadoops.getFileLinkStatus(link).getLen());
        assertThat(fc.getFileLinkStatus(file).isSymlink()).isFalse();
        assertThat(fc.getFileLinkStatus(file).getLen()).isEqualTo(1);
    }

    @Test
    void permissionBitsMapOneToOne() {
        for (int mode : new int[] {0, 0777, 0755, 0644, 0600, 0421, 0137}) {
            String expected = new FsPermission((short) mode).toString();
            assertThat(PosixFilePermissions.toString(ForklessRawLocalFileSystem.posix(new FsPermission((short) mode))))
                    .as("mode %o", mode).isEqualTo(expected);
        }
    }

    @Test
    void theJobsSparkSettingsUseIt() {
        var settings = SparkSessions.settings(AnalyticsConfig.defaults());
        assertThat(settings).containsEntry("spark.hadoop.fs.AbstractFileSystem.file.impl", ForklessLocalFs.class.getName())
                .containsEntry("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
    }
}
