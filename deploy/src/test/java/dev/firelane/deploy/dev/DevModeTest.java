package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole dev stack in this JVM, driven through the CLI as a user would. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DevModeTest {
    @TempDir
    Path dir;

    @Test
    void a_job_created_with_the_cli_runs_and_pauses() throws Exception {
        try (DevMode dev = new DevMode(dir, 0, 1, Clock.systemUTC()).start()) {
            String server = dev.apiUrl();
            assertThat(dev.banner()).contains(server).contains(dev.bootstrapServers()).contains(dir.toAbsolutePath().toString());

            CliRun created = CliRun.run("job", "create", "--server", server, "--id", "tick", "--every", "1s",
                    "--handler", "noop");
            assertThat(created.exitCode()).as(created.err()).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CliRun runs = CliRun.run("job", "runs", "tick", "--server", server, "--json");
                JsonNode json = Json.newMapper().readTree(runs.out());
                assertThat(json.findValuesAsText("outcome")).contains("ok");
            });

            CliRun paused = CliRun.run("job", "pause", "tick", "--server", server, "--reason", "test");
            assertThat(paused.exitCode()).as(paused.err()).isZero();
            CliRun shown = CliRun.run("job", "show", "tick", "--server", server);
            assertThat(shown.out()).contains("status:             paused");
            CliRun audit = CliRun.run("job", "audit", "tick", "--server", server);
            assertThat(audit.out()).contains("Create").contains("Pause").contains("test");
        }
    }
}
