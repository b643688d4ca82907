package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import dev.firelane.coordinator.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The origin bug, clicked in a real browser: a job runs (blocked on a latch), the operator clicks Pause in
 * the dashboard and gives a reason, the run completes — and the dashboard still shows {@code paused}, with
 * the audit saying who paused it and why. Screenshots go to {@code target/}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
    private static final String TOKEN = "alice-dashboard-secret-0123456789";
    private static final String JOB = "seed-ui";
    private static final String ROW = "#jobs tr[data-job=\"" + JOB + "\"]";
    private static final LatchHandler LATCH = new LatchHandler();
    private static FirelaneStack stack;
    private static Browser browser;

    @BeforeAll
    static void start() {
        stack = FirelaneStack.start(TestDatabases.h2(),
                ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR, TOKEN))), LATCH);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        LATCH.release.countDown();
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void pause_clicked_while_a_run_is_in_flight_stays_paused_after_the_run_completes() throws Exception {
        ApiClient api = stack.api(TOKEN);
        ApiClient.Reply created = api.post("/api/jobs", "{\"id\":\"" + JOB + "\",\"scheduleKind\":\"every\","
                + "\"schedule\":\"2s\",\"handler\":\"latch\",\"payload\":{\"report\":\"daily\"}}");
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);

        browser.open(stack.baseUrl() + "/");
        browser.until("the page asks for a token", d -> browser.visible("#token-dialog"));
        assertThat(browser.visible("#list-view")).as("no job is shown before signing in").isFalse();
        browser.type("#token-input", TOKEN);
        browser.click("#token-save");
        browser.until("the signed-in user is shown", d -> "alice (operator)".equals(browser.text("#who")));

        assertThat(LATCH.firstRunStarted.await(60, TimeUnit.SECONDS)).as("the first run started").isTrue();
        browser.until("the run in flight is highlighted", d -> "running".equals(browser.text(ROW + ".in-flight .running-dot")));
        assertThat(browser.text(ROW + " .status-badge")).isEqualTo("active");
        assertThat(browser.text(ROW + " td:nth-child(2)")).startsWith("every 2 s");
        browser.screenshot(Browser.buildDir().resolve("dashboard-running.png"));

        browser.click(ROW + " button[data-action=\"pause\"]");
        browser.until("pause asks for a reason", d -> browser.visible("#reason-dialog"));
        assertThat(browser.text("#reason-title")).isEqualTo("Pause job " + JOB);
        browser.type("#reason-input", "db maintenance, paused from the dashboard");
        browser.click("#reason-ok");

        browser.until("the pause is shown once applied", d -> "paused".equals(browser.text(ROW + " .status-badge")));
        assertThat(api.job(JOB).path("status").asText()).as("shown paused only once the database says so")
                .isEqualTo("paused");
        assertThat(browser.text("#notice")).contains("Job " + JOB + " paused by alice").contains("applied in");
        browser.screenshot(Browser.buildDir().resolve("dashboard-pause-applied.png"));
        assertThat(LATCH.startedFireIds).as("the run is still in flight").hasSize(1);

        LATCH.release.countDown();
        browser.until("the completed run is counted", d -> "1".equals(browser.text(ROW + " .runs-cell"))
                && "ok".equals(browser.text(ROW + " .last-run")));
        assertThat(browser.text(ROW + " .status-badge")).as("the completion did not undo the pause").isEqualTo("paused");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> "paused".equals(browser.text(ROW + " .status-badge")));
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(ROW + ".in-flight"))).isEmpty();
        Path paused = browser.screenshot(Browser.buildDir().resolve("dashboard-paused.png"));

        browser.click(ROW + " a");
        browser.until("the job page shows the audit", d -> browser.text("#audit tbody tr:first-child .command-kind") != null);
        assertThat(browser.text("#job-title")).isEqualTo(JOB);
        assertThat(browser.text("#job-status .status-badge")).isEqualTo("paused");
        assertThat(browser.text("#audit tbody tr:first-child .command-kind")).isEqualTo("Pause");
        assertThat(browser.text("#audit tbody tr:first-child .requested-by")).isEqualTo("alice");
        assertThat(browser.text("#audit tbody tr:first-child .reason")).isEqualTo("db maintenance, paused from the dashboard");
        assertThat(browser.text("#audit tbody tr:last-child .command-kind")).isEqualTo("Create");
        browser.until("the run history shows the run", d -> "ok".equals(browser.text("#runs tbody tr:first-child .outcome")));
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#runs tbody tr"))).hasSize(1);
        browser.screenshot(Browser.buildDir().resolve("dashboard-job.png"));

        assertThat(paused).exists();
        assertThat(browser.consoleErrors()).as("no script errors or policy violations").isEmpty();
    }
}
