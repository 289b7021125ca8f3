package io.clickstream.analytics.pipeline;

import io.clickstream.analytics.config.AnalyticsConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses to start the one-pass query on a checkpoint root that holds the separate queries'
 * checkpoints ({@code kpis}, {@code rejects}, {@code alerts-users}, {@code alerts-sites}): those would
 * be left behind while the one-pass query started again from the earliest offsets next to them, and
 * a later {@code --queries} run would resume them from stale offsets. The message says what to do.
 */
public final class CheckpointLayout {

    private CheckpointLayout() {
    }

    public static void requireOnePassLayout(AnalyticsConfig config, Configuration hadoop) throws IOException {
        Path root = new Path(config.checkpointDir());
        FileSystem fs = root.getFileSystem(hadoop);
        List<String> split = new ArrayList<>();
        for (String query : AnalyticsConfig.SPLIT_QUERIES) {
            if (fs.exists(new Path(root, query)) && !fs.exists(new Path(root, OnePass.NAME))) {
                split.add(query);
            }
        }
        if (!split.isEmpty()) {
            throw new IllegalStateException("checkpoint directory " + config.checkpointDir() + " holds the checkpoints "
                    + "of the separate queries " + split + " (the job's layout before it ran one query). The job runs "
                    + "one query with its checkpoint in " + config.checkpointDir() + "/" + OnePass.NAME + " and cannot "
                    + "resume those. Either delete " + split + " under " + config.checkpointDir() + " (the job then "
                    + "re-reads Kafka from the earliest offsets and rewrites the same documents), or keep them by "
                    + "running the separate queries: --queries " + String.join(",", split) + ".");
        }
    }
}
