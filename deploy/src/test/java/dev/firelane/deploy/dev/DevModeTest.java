package dev.firelane.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firelane.deploy.CliRun;
import dev.firelane.protocol.Json;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
    void a_job_created_with_the_cli_and_the_printed_token_runs_and_pauses() throws Exception {
        try (DevMode dev = new DevMode(DevConfig.builder().dataDir(dir).port(0).workers(1).build(), Clock.systemUTC()).start()) {
            String server = dev.apiUrl();
            String token = dev.operatorToken();
            String tokenFile = dir.resolve("operator.token").toString();
            assertThat(dev.banner()).contains(server).contains(dev.bootstrapServers()).contains(dir.toAbsolutePath().toString())
                    .contains(System.lineSeparator() + "operator token: " + token + System.lineSeparator());
            assertThat(token).startsWith("fl_").hasSizeGreaterThanOrEqualTo(40);
            assertThat(Files.readString(dir.resolve("operator.token")).strip()).isEqualTo(token);
            assertThat(Files.getPosixFilePermissions(dir.resolve("operator.token")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            CliRun refused = CliRun.run("job", "list", "--server", server, "--token-file", dir.resolve("none").toString());
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.err()).contains("401").contains("--token");

            CliRun created = CliRun.run("job", "create", "--server", server, "--token-file", tokenFile, "--id", "tick",
                    "--every", "1s", "--handler", "noop");
            assertThat(created.exitCode()).as(created.err()).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CliRun runs = CliRun.run("job", "runs", "tick", "--server", server, "--token", token, "--json");
                JsonNode json = Json.newMapper().readTree(runs.out());
                assertThat(json.findValuesAsText("outcome")).contains("ok");
            });

            CliRun paused = CliRun.run("job", "pause", "tick", "--server", server, "--token", token, "--reason", "test");
            assertThat(paused.exitCode()).as(paused.err()).isZero();
            CliRun shown = CliRun.run("job", "show", "tick", "--server", server, "--token", token);
            assertThat(shown.out()).contains("status:             paused");
            CliRun audit = CliRun.run("job", "audit", "tick", "--server", server, "--token", token, "--json");
            JsonNode commands = Json.newMapper().readTree(audit.out());
            assertThat(commands.findValuesAsText("kind")).containsExactly("Create", "Pause");
            assertThat(commands.findValuesAsText("requestedBy")).as("the token's name, not a client-chosen one")
                    .containsOnly(DevToken.nameFor(System.getProperty("user.name")));
            assertThat(commands.get(1).path("reason").asText()).isEqualTo("test");

            // a webhook receiver on this machine: dev mode's http handler may call loopback, and its banner says so
            assertThat(dev.banner()).contains("HTTP jobs  may call public,loopback");
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            receiver.createContext("/hook", exchange -> {
                received.add(exchange.getRequestHeaders().getFirst("X-Firelane-Job-Id") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
                CliRun hook = CliRun.run("job", "create", "--server", server, "--token", token, "--id", "hook",
                        "--every", "1s", "--handler", "http", "--payload", "{\"url\":\"" + url + "\",\"body\":{\"hello\":1}}");
                assertThat(hook.exitCode()).as(hook.err()).isZero();
                assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("hook {\"hello\":1}");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        CliRun.run("job", "show", "hook", "--server", server, "--token", token).out()).containsPattern("lastDeliveryStatus: +204"));
            } finally {
                receiver.stop(0);
            }

            String metrics = dev.meters().scrape();
            assertThat(metrics).as("one registry: the coordinator's and the workers' meters on /metrics")
                    .contains("firelane_fires_emitted_total").contains("firelane_status_pauses_preserved_total")
                    .contains("firelane_worker_runs_started_total{worker=\"dev-worker-1\"}");
            var http = java.net.http.HttpClient.newHttpClient();
            var scraped = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).as("/metrics needs no token").isEqualTo(200);
            assertThat(scraped.body()).contains("firelane_worker_runs_started_total{worker=\"dev-worker-1\"}");
        }
    }

    @Test
    void no_auth_runs_the_api_open_says_so_loudly_and_leaves_no_token_file() throws Exception {
        Files.writeString(dir.resolve("operator.token"), "fl_from-an-earlier-run");
        try (DevMode dev = new DevMode(DevConfig.builder().dataDir(dir).port(0).workers(0).auth(false).build(), Clock.systemUTC()).start()) {
            assertThat(dev.banner()).contains("WARNING: authentication is OFF").doesNotContain("operator token:");
            assertThat(dev.operatorToken()).isNull();
            assertThat(dir.resolve("operator.token")).doesNotExist();
            CliRun list = CliRun.run("job", "list", "--server", dev.apiUrl(), "--token-file", dir.resolve("none").toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
        }
    }
}
