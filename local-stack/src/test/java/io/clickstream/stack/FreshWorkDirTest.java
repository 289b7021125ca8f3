package io.clickstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clickstream.stack.config.StackConfig;
import io.clickstream.stack.elasticsearch.ElasticsearchNode;
import io.clickstream.stack.process.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new work dir gets empty indices, also when Elasticsearch's run directory lives in the cache. */
class FreshWorkDirTest {

    @Test
    void aNewWorkDirAtAnEarlierStacksPathDoesNotInheritItsCachedElasticsearchData() throws Exception {
        // The run directory moves to the cache only for root with a work dir others cannot reach.
        assumeTrue(Privileges.isRoot(), "only root moves Elasticsearch's run directory to the cache");
        Path base = Files.createTempDirectory(Path.of("target"), "fresh-workdir-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Path workDir = base.resolve("stack").toAbsolutePath();
        Path cacheDir = base.resolve("cache").toAbsolutePath();
        StackConfig config = new StackConfig(workDir, cacheDir, 1, 0, 1, true, 0, "512m", "1g", Duration.ofSeconds(1), false);
        Path esHome = ElasticsearchNode.runDir(workDir, cacheDir);
        assertThat(esHome).as("the run directory is in the cache").startsWithRaw(cacheDir);
        Path earlierIndex = esHome.resolve("data").resolve("indices").resolve("earlier");
        Files.createDirectories(earlierIndex);

        List<String> progress = new ArrayList<>();
        LocalStack.forgetCachedElasticsearchData(config, progress::add);

        assertThat(earlierIndex).doesNotExist();
        assertThat(esHome).doesNotExist();
        assertThat(progress).singleElement().asString().contains("removed the Elasticsearch data");
    }
}
