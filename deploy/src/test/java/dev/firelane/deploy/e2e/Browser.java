package dev.firelane.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}): both paths are given, so Selenium Manager never looks anything up or downloads
 * anything. A fresh profile per browser, and the flags that keep Chromium off the network.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("firelane.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("firelane-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1440,900",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} gives a non-null, non-false value; elements re-rendered meanwhile are looked up again. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The text of the element {@code css} finds now, or null if there is none. */
    /** The element's text; found again if the dashboard re-rendered it between finding and reading. */
    String text(String css) {
        for (int attempt = 1; ; attempt++) {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            try {
                return found.isEmpty() ? null : found.get(0).getText().strip();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    boolean visible(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Clicks what {@code css} finds, looking it up again if the live refresh replaced it meanwhile. */
    void click(String css) {
        until("click " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    void type(String css, String text) {
        WebElement input = until("type into " + css, d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e : null;
        });
        input.clear();
        input.sendKeys(text);
    }

    /** Saves a PNG of the window to {@code file}. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Console errors of the page other than failed requests (a 401 before signing in, a 504 the test provokes):
     * script errors and Content-Security-Policy violations.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** Where tests put screenshots: the module's build directory. */
    static Path buildDir() {
        return Path.of(System.getProperty("firelane.buildDir", "target"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp profile left behind is harmless
            }
        }
    }
}
