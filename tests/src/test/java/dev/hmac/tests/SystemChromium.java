package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The machine's own Chromium and ChromeDriver (Debian's {@code chromium} and {@code chromium-driver}). Selenium is
 * given both paths, so Selenium Manager never runs and nothing is downloaded.
 *
 * <p>Missing either, the browser tests are skipped with the reason, unless {@value #REQUIRE} is {@code 1} (as in CI),
 * where they fail: {@code mvn verify} works on a fresh machine, and CI can't pass by silently skipping the browser.
 */
final class SystemChromium {
    static final String REQUIRE = "HMAC_REQUIRE_BROWSER";
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser");
    private static final String DRIVER = "chromedriver";
    /**
     * ChromeDriver looks for a DevTools binding for the browser's version and warns when there is none: this test
     * needs none, and a selenium-devtools-vNNN would tie it to one Chromium version. Held so it is not collected.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private SystemChromium() {
    }

    /**
     * The browser and its driver; empty (after saying why on standard error) when either is missing, unless
     * {@value #REQUIRE} is 1, where the calling test fails.
     */
    static Optional<Installed> find() {
        Optional<Path> browser = BROWSERS.stream().map(SystemChromium::onPath).flatMap(Optional::stream).findFirst();
        Optional<Path> driver = onPath(DRIVER);
        if (browser.isPresent() && driver.isPresent()) {
            return Optional.of(new Installed(browser.get(), driver.get()));
        }
        String message = missing();
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(message + " (" + REQUIRE + "=1 requires it)");
        }
        System.err.println("Skipping the browser test: " + message);
        return Optional.empty();
    }

    /** What {@link #find()} found missing, and how to install it. */
    static String missing() {
        boolean browser = BROWSERS.stream().map(SystemChromium::onPath).anyMatch(Optional::isPresent);
        boolean driver = onPath(DRIVER).isPresent();
        String what = !browser && !driver ? "chromium and chromedriver" : !browser ? "chromium" : "chromedriver";
        return what + " not found on PATH: install Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver) to run the browser test";
    }

    /** The executable of that name in a directory of PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    record Installed(Path browser, Path driver) {

        /**
         * Starts a headless browser with a fresh profile in {@code profile}; the console log is kept for
         * {@code driver.manage().logs().get(LogType.BROWSER)}.
         */
        ChromeDriver start(Path profile, int width, int height) throws IOException {
            DEVTOOLS_LOG.setLevel(Level.SEVERE);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.toFile());
            options.addArguments(
                    "--headless=new",
                    // Root on CI and in containers: the sandbox needs user namespaces that aren't there.
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    // No calls home: the only network is loopback and the package registries.
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath(),
                    "--window-size=" + width + "," + height,
                    "--force-device-scale-factor=1",
                    "--lang=en-US");
            options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                    "profile.password_manager_enabled", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .withTimeout(Duration.ofSeconds(30))
                    .build();
            return new ChromeDriver(service, options);
        }
    }
}
