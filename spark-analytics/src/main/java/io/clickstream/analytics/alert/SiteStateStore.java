package io.clickstream.analytics.alert;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The site rules' state ({@link SiteRulesOnDriver}), one file per micro-batch in a directory of the
 * query's checkpoint ({@code <checkpoint>/site-rules/<batch id>}, Java serialisation), written
 * through Hadoop's file system API so it lives wherever the checkpoint does (local, HDFS, S3A). A file
 * is written to a temporary name and renamed, so a crash leaves the previous batch's file whole. The
 * last {@value #KEEP} files are kept: a replay of batch N reads the newest file older than N.
 */
public final class SiteStateStore implements Serializable {

    static final int KEEP = 3;

    private final String dir;
    private final transient Configuration hadoop;

    public SiteStateStore(String dir, Configuration hadoop) {
        this.dir = dir;
        this.hadoop = hadoop;
    }

    /** The state saved by the newest batch before {@code batchId}; empty when there is none. */
    @SuppressWarnings("unchecked")
    Map<String, SiteBaselineRules.State> loadBefore(long batchId) throws IOException, ClassNotFoundException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem(hadoop);
        Long newest = saved(fs, root).floor(batchId - 1);
        if (newest == null) {
            return new HashMap<>();
        }
        try (ObjectInputStream in = new ObjectInputStream(fs.open(new Path(root, Long.toString(newest))))) {
            return (Map<String, SiteBaselineRules.State>) in.readObject();
        }
    }

    void save(long batchId, Map<String, SiteBaselineRules.State> states) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem(hadoop);
        fs.mkdirs(root);
        Path tmp = new Path(root, "." + batchId + ".tmp");
        try (FSDataOutputStream raw = fs.create(tmp, true); ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeObject(new HashMap<>(states));
        }
        Path target = new Path(root, Long.toString(batchId));
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
        TreeSet<Long> all = saved(fs, root);
        while (all.size() > KEEP) {
            fs.delete(new Path(root, Long.toString(all.pollFirst())), false);
        }
    }

    private static TreeSet<Long> saved(FileSystem fs, Path root) throws IOException {
        TreeSet<Long> ids = new TreeSet<>();
        if (!fs.exists(root)) {
            return ids;
        }
        for (FileStatus f : fs.listStatus(root)) {
            String name = f.getPath().getName();
            if (name.chars().allMatch(Character::isDigit)) {
                ids.add(Long.parseLong(name));
            }
        }
        return ids;
    }
}
