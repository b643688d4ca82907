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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The System view and a job's timeline in a real headless Chromium: after some fires the charts draw the
 * coordinator's samples (lines and bars with values, not just empty frames), and a paused job's timeline shows
 * its runs and the pause as a band reaching to now. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardChartsBrowserTest {
    private static final Logger log = LoggerFactory.getLogger(DashboardChartsBrowserTest.class);
    private static final String TOKEN = "alice-charts-secret-0123456789";
    private static final String PAUSED_JOB = "timeline-ui";
    private static FirelaneStack stack;
    private static Browser browser;

    @BeforeAll
    static void start() {
        stack = FirelaneStack.start(TestDatabases.h2(),
                ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR, TOKEN))));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void after_some_fires_the_charts_draw_samples_and_a_paused_job_s_timeline_shows_the_pause_band() {
        ApiClient api = stack.api(TOKEN);
        create(api, "{\"id\":\"busy-noop\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"noop\"}");
        create(api, "{\"id\":\"flaky-sleep\",\"scheduleKind\":\"every\",\"schedule\":\"2s\",\"handler\":\"sleep\","
                + "\"payload\":{\"ms\":700,\"fail\":true}}");
        create(api, "{\"id\":\"" + PAUSED_JOB + "\",\"scheduleKind\":\"every\",\"schedule\":\"1s\",\"handler\":\"sleep\","
                + "\"payload\":{\"ms\":300}}");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.job(PAUSED_JOB).path("runCount").asInt() >= 4);
        ApiClient.Reply paused = api.post("/api/jobs/" + PAUSED_JOB + "/pause", "{\"reason\":\"timeline check\"}");
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);

        signIn();
        browser.open(stack.baseUrl() + "/#/system");
        browser.until("the fires chart has a line of several samples with fires", d ->
                pointsOf("#chart-fires path.series") >= 2 && maxOf("#chart-fires path.series") > 0);
        browser.until("the outcomes chart has ok and error bars", d ->
                sumOf("#chart-outcomes rect.bar[data-key=\"ok\"]") > 0
                        && sumOf("#chart-outcomes rect.bar[data-key=\"error\"]") > 0);
        assertThat(pointsOf("#chart-lateness path.series[data-series=\"p50\"]")).as("lateness p50 drawn").isPositive();
        assertThat(pointsOf("#chart-lateness path.series[data-series=\"p99\"]")).as("lateness p99 drawn").isPositive();
        assertThat(pointsOf("#chart-status-lag path.series")).as("status-stream lag drawn").isGreaterThanOrEqualTo(2);
        assertThat(elements("#chart-worker-lag path.series")).as("a lag line per in-process worker, and waiting")
                .hasSize(3);
        assertThat(browser.text("#chart-in-flight .legend")).contains("e2e-worker-1", "e2e-worker-2");
        assertThat(elements("#chart-fires circle.dot")).as("one dot per sample").hasSize(pointsOf("#chart-fires path.series"));
        assertThat(elements(".chart .empty-chart")).as("no chart is empty").isEmpty();
        Path system = screenshot("dashboard-system.png");

        browser.open(stack.baseUrl() + "/#/jobs/" + PAUSED_JOB);
        browser.until("the timeline shows the pause band reaching to now", d ->
                !elements("#timeline rect.pause-band[data-to=\"now\"]").isEmpty());
        browser.until("the timeline shows the runs before the pause", d ->
                elements("#timeline rect.run-bar[data-outcome=\"ok\"]").size() >= 4);
        assertThat(elements("#timeline line.fire-mark").size()).isGreaterThanOrEqualTo(4);
        assertThat(elements("#timeline path.cmd-mark[data-kind=\"Pause\"]")).hasSize(1);
        assertThat(elements("#timeline path.cmd-mark[data-kind=\"Create\"]")).hasSize(1);
        double bandStart = x(elements("#timeline rect.pause-band").get(0));
        double firstRun = elements("#timeline rect.run-bar").stream().mapToDouble(DashboardChartsBrowserTest::x).min()
                .orElseThrow();
        assertThat(bandStart).as("the band starts at the pause, after the first runs").isGreaterThan(firstRun);
        Path timeline = screenshot("dashboard-timeline.png");

        assertThat(system).exists();
        assertThat(timeline).exists();
        assertThat(browser.consoleErrors()).as("no script errors or policy violations").isEmpty();
    }

    @Test
    void a_job_created_paused_and_resumed_has_a_band_from_its_creation_but_a_failed_job_resumed_has_none() {
        browser.open(stack.baseUrl() + "/");
        browser.until("the timeline script is loaded", d -> Boolean.TRUE.equals(
                browser.driver.executeScript("return !!window.FirelaneTimeline")));

        assertThat(spans("[]")).as("created paused, resumed, then paused and resumed")
                .containsExactly("00-10", "20-30");
        assertThat(spans("[{finishedAt: t('05')}]")).as("a run finished before the resume: it resumed a failed job")
                .containsExactly("20-30");
    }

    /** The timeline's pause spans for a job created, resumed, paused and resumed again, as "from-to" seconds. */
    private static List<String> spans(String runs) {
        @SuppressWarnings("unchecked")
        List<String> spans = (List<String>) browser.driver.executeScript(
                "const t = (s) => '2026-01-01T00:00:' + s + 'Z';"
                        + "const applied = (kind, s) => ({ kind, result: 'applied', resultReason: null, appliedAt: t(s) });"
                        + "const audit = [applied('Create', '00'), applied('Resume', '10'), applied('Pause', '20'),"
                        + " applied('Resume', '30')];"
                        + "const sec = (ms) => new Date(ms).toISOString().substring(17, 19);"
                        + "return FirelaneTimeline.pauseSpans({ status: 'active', createdAt: t('00') }, audit,"
                        + " Date.parse(t('40')), " + runs + ").map((s) => sec(s.from) + '-' + sec(s.to));");
        return spans;
    }

    private static void create(ApiClient api, String json) {
        ApiClient.Reply created = api.post("/api/jobs", json);
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
    }

    private static void signIn() {
        browser.open(stack.baseUrl() + "/");
        browser.until("the page asks for a token", d -> browser.visible("#token-dialog"));
        browser.type("#token-input", TOKEN);
        browser.click("#token-save");
        browser.until("the signed-in user is shown", d -> "alice (operator)".equals(browser.text("#who")));
    }

    private static Path screenshot(String name) {
        Path file = browser.screenshot(Browser.buildDir().resolve("screenshots").resolve(name)).toAbsolutePath();
        log.info("screenshot: {}", file);
        return file;
    }

    private static List<WebElement> elements(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    private static int pointsOf(String css) {
        return (int) attribute(css, "data-points");
    }

    private static double maxOf(String css) {
        return attribute(css, "data-max");
    }

    private static double sumOf(String css) {
        return elements(css).stream().mapToDouble(e -> Double.parseDouble(e.getAttribute("data-value"))).sum();
    }

    private static double attribute(String css, String name) {
        List<WebElement> found = elements(css);
        return found.isEmpty() ? 0 : Double.parseDouble(found.get(0).getAttribute(name));
    }

    private static double x(WebElement rect) {
        return Double.parseDouble(rect.getAttribute("x"));
    }
}
