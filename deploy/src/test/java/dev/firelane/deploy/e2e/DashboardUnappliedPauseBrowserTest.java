package dev.firelane.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firelane.coordinator.api.ApiConfig;
import dev.firelane.coordinator.api.ApiServer;
import dev.firelane.coordinator.api.JobQueries;
import dev.firelane.coordinator.api.JobQueryMapper;
import dev.firelane.coordinator.api.auth.ApiAuth;
import dev.firelane.coordinator.api.auth.ApiToken;
import dev.firelane.coordinator.api.auth.Role;
import dev.firelane.coordinator.metrics.MeterRegistries;
import dev.firelane.coordinator.schedule.ScheduleCalculator;
import dev.firelane.coordinator.status.StatusApplier;
import dev.firelane.coordinator.status.StatusStream;
import dev.firelane.coordinator.store.Database;
import dev.firelane.coordinator.testing.TestDatabases;
import dev.firelane.protocol.ControlCommand;
import dev.firelane.protocol.JobSpec;
import dev.firelane.protocol.JobSpecValidator;
import dev.firelane.protocol.Json;
import dev.firelane.protocol.ScheduleKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * The dashboard never claims a pause it has not applied: here the API publishes commands nowhere (no status
 * stream ever applies them), so the pause times out, and the page must keep showing the job as the
 * database has it. Also who may see what: a wrong token shows nothing, a viewer gets no buttons; and the
 * status filter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardUnappliedPauseBrowserTest {
    private static final String OPERATOR = "alice-operator-secret-0123456789";
    private static final String VIEWER = "grafana-viewer-secret-0123456789";
    private static final String ROW = "#jobs tr[data-job=\"nightly\"]";
    private static final List<ControlCommand> published = new CopyOnWriteArrayList<>();
    private static Database database;
    private static ApiServer api;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Clock clock = Clock.systemUTC();
        List<Class<?>> mappers = new ArrayList<>(StatusStream.MAPPERS);
        mappers.add(JobQueryMapper.class);
        database = Database.open(TestDatabases.h2(), mappers);
        // the job row, written the one way rows are written: by the status applier
        new StatusApplier(database.sessions(), clock, new ScheduleCalculator(), JobSpecValidator.lenient())
                .apply(List.of(new ControlCommand.Create("c-1", "nightly", "alice", clock.instant(), "seed",
                        JobSpec.of("nightly", ScheduleKind.CRON, "0 0 2 * * ?", "noop", Json.newMapper().createObjectNode()),
                        false)));
        api = new ApiServer(ApiConfig.builder().bindAddress("127.0.0.1").port(0).commandTimeout(Duration.ofSeconds(1))
                .auth(ApiAuth.tokens(List.of(new ApiToken("alice", Role.OPERATOR, OPERATOR),
                        new ApiToken("grafana", Role.VIEWER, VIEWER)))).build(),
                new JobQueries(database.sessions()), published::add, List.of(), clock, MeterRegistries.prometheus())
                .start();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static void signIn(String token) {
        browser.until("the page asks for a token", d -> browser.visible("#token-dialog"));
        browser.type("#token-input", token);
        browser.click("#token-save");
    }

    @Test
    void a_pause_that_is_not_applied_in_time_is_not_shown_as_paused() {
        browser.open("http://127.0.0.1:" + api.port() + "/");

        signIn("not-a-token-of-this-server");
        browser.until("a refused token is said so", d -> browser.text("#token-error").contains("refused"));
        assertThat(browser.visible("#list-view")).as("nothing is shown without a valid token").isFalse();

        signIn(VIEWER);
        browser.until("a viewer sees the jobs", d -> "active".equals(browser.text(ROW + " .status-badge")));
        assertThat(browser.text("#who")).isEqualTo("grafana (viewer)");
        assertThat(browser.driver.findElements(By.cssSelector(ROW + " button"))).as("a viewer gets no buttons").isEmpty();
        browser.click(".chip[data-status=\"paused\"]");
        browser.until("the paused filter shows no job", d -> browser.visible("#empty") && !browser.visible(ROW));
        browser.click(".chip[data-status=\"active\"]");
        browser.until("the active filter shows the job", d -> browser.visible(ROW));
        browser.click(".chip[data-status=\"\"]");

        browser.click("#sign-out");
        signIn(OPERATOR);
        browser.until("an operator gets the buttons", d -> browser.visible(ROW + " button[data-action=\"pause\"]"));
        browser.click(ROW + " button[data-action=\"pause\"]");
        browser.type("#reason-input", "the stream will never apply this");
        browser.click("#reason-ok");
        browser.until("the row says the pause is on its way", d -> "pausing…".equals(browser.text(ROW + " .pending")));
        assertThat(browser.text(ROW + " .status-badge")).as("not paused while waiting").isEqualTo("active");

        browser.until("the time-out is reported", d -> browser.text("#notice") != null
                && browser.text("#notice").contains("not applied yet"));
        browser.screenshot(Browser.buildDir().resolve("dashboard-pause-not-applied.png"));
        assertThat(browser.text(ROW + " .status-badge")).as("the database still says active").isEqualTo("active");
        browser.until("the pending note is gone", d -> browser.text(ROW + " .pending") == null);
        assertThat(published).singleElement().satisfies(command -> {
            assertThat(command).isInstanceOf(ControlCommand.Pause.class);
            assertThat(command.requestedBy()).isEqualTo("alice");
            assertThat(command.reason()).isEqualTo("the stream will never apply this");
        });
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
