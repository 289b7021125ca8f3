import io.clickstream.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a one-node Kafka for the benchmark through the local-stack API, writes its bootstrap
 * address to <workDir>/bootstrap.txt and runs until killed (LocalStack's shutdown hook stops Kafka).
 * Run as a single-file program: java -cp <local-stack classpath> BenchKafka.java <workDir>
 */
public class BenchKafka {
    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(args[0]);
        LocalStack stack = LocalStack.builder()
                .workDir(workDir)
                .brokers(1)
                .kafkaPort(0)
                .elasticsearch(false)
                .partitions(3)
                .kafkaHeap("512m")
                .start();
        Files.writeString(workDir.resolve("bootstrap.txt"), stack.kafkaBootstrap());
        Thread.currentThread().join();
    }
}
