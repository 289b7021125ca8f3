package io.clickstream.demo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo starts modules with the command lines the {@code ./clickstream} launcher prints, so the
 * launcher stays the one description of how a module runs. Needs the modules packaged (Failsafe
 * runs after every module's {@code package} in the reactor).
 */
class ModuleCommandsIT {

    private final ModuleCommands commands = ModuleCommands.fromEnvironment();

    @Test
    void theLoadGeneratorCommandIsTheLaunchersAndRuns() throws Exception {
        List<String> command = commands.loadGenerator(List.of("load", "--help"));
        assertThat(command.get(0)).isEqualTo(commands.javaHome().resolve("bin/java").toString());
        assertThat(command).contains("-Xmx4g", "-cp", "io.clickstream.load.cli.LoadCli")
                .endsWith("load", "--help");

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage:").contains("--rate");
    }

    @Test
    void theAnalyticsCommandCarriesSparksJvmOptions() {
        List<String> command = commands.analytics(List.of("--kafka", "k:1"));
        assertThat(command).contains("-Xmx2g", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "io.clickstream.analytics.AnalyticsJob").endsWith("--kafka", "k:1");
    }

    @Test
    void theGatewayRunsItsQuarkusJarOnLoopback() {
        List<String> command = commands.gateway(18080, "127.0.0.1:19092");
        assertThat(command).contains("-Xmx512m", "-Dquarkus.http.port=18080", "-Dquarkus.http.host=127.0.0.1",
                "-Dclickstream.kafka.bootstrap=127.0.0.1:19092", "-jar");
        assertThat(command.get(command.size() - 1)).endsWith("ingest-gateway/target/quarkus-app/quarkus-run.jar");
        assertThat(commands.gateway(18080, "127.0.0.1:19092", List.of("clickstream.sites.wk_shop=shop")))
                .contains("-Dclickstream.sites.wk_shop=shop", "-jar");
    }
}
