package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web form in a real browser: Debian's headless Chromium, driven through its chromedriver, against the server
 * jar started as a user starts it. Fills in, submits, copies, reveals, sees a field error, follows the link to the
 * API's page, and saves screenshots under {@code tests/target/screenshots/}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebFormBrowserIT {
    private static final String CALLBACK = "https://apoorva.com";
    private static final String CLIENT_ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String TIMESTAMP = "1444762678";
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("hmac.buildDir", "target"), "screenshots");
    private static final int WIDTH = 900;

    private static ServerProcess server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    /** Console messages of the current test, read as it goes (reading the browser's log empties it). */
    private final List<String> console = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        Optional<SystemChromium.Installed> installed = SystemChromium.find();
        if (installed.isEmpty()) {
            return;
        }
        SystemChromium.Installed chromium = installed.get();
        server = ServerProcess.start(Map.of());
        browser = chromium.start(profile, WIDTH, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            List<String> output = server.stop();
            assertTrue(output.stream().noneMatch(line -> line.contains(SECRET)), output.toString());
        }
    }

    @BeforeEach
    void openTheForm() {
        Assumptions.assumeTrue(browser != null, SystemChromium::missing);
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
        browser.get(server.uri().toString());
        // The script un-hides the show/copy buttons: once visible, it has run.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.reveal")));
        readConsole();
    }

    @AfterEach
    void noContentSecurityPolicyComplaints() {
        if (browser == null) {
            return;
        }
        readConsole();
        assertTrue(console.stream().noneMatch(WebFormBrowserIT::isCspViolation), console.toString());
    }

    @Test
    void vector_typedIntoTheForm_showsTheOriginalsSignature_andThePageNeverHoldsTheSecret() throws Exception {
        fill(CALLBACK, CLIENT_ID, SECRET);
        browser.findElement(By.tagName("summary")).click();
        browser.findElement(By.id("timestamp")).sendKeys(TIMESTAMP);
        browser.findElement(By.cssSelector("button.primary")).click();

        WebElement signature = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature")));
        assertEquals(SIGNATURE, signature.getText());
        assertEquals(TIMESTAMP, text("result-timestamp"));
        assertEquals(CALLBACK, text("result-callback"));
        assertEquals(CLIENT_ID, text("result-clientid"));
        assertTrue(browser.findElement(By.cssSelector(".result")).getText().contains("2015-10-13 18:57:58 UTC"));
        assertFalse(browser.getPageSource().contains(SECRET), "the secret is in the page after submit");
        assertEquals("", browser.findElement(By.id("clientsecret")).getDomProperty("value"));

        screenshot("form-result.png");
    }

    @Test
    void copyButton_putsTheSignatureOnTheClipboard() {
        fill(CALLBACK, CLIENT_ID, SECRET);
        browser.findElement(By.tagName("summary")).click();
        browser.findElement(By.id("timestamp")).sendKeys(TIMESTAMP);
        browser.findElement(By.cssSelector("button.primary")).click();
        WebElement copy = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("button.copy[data-copy-target=signature]")));

        copy.click();

        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        // Pasting where a person would: into a field of the page.
        WebElement field = browser.findElement(By.id("clientid"));
        field.clear();
        field.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertEquals(SIGNATURE, field.getDomProperty("value"));
    }

    @Test
    void showButton_revealsAndHidesTheSecretAsItIsTyped() {
        WebElement secret = browser.findElement(By.id("clientsecret"));
        WebElement reveal = browser.findElement(By.cssSelector("button.reveal[data-reveal-target=clientsecret]"));
        secret.sendKeys(SECRET);
        assertEquals("password", secret.getDomAttribute("type"));
        assertEquals("Show", reveal.getText());

        reveal.click();

        assertEquals("text", secret.getDomAttribute("type"));
        assertEquals("Hide", reveal.getText());
        assertEquals("true", reveal.getDomAttribute("aria-pressed"));
        assertEquals(SECRET, secret.getDomProperty("value"));

        reveal.click();

        assertEquals("password", secret.getDomAttribute("type"));
        assertEquals("Show", reveal.getText());
        assertEquals("false", reveal.getDomAttribute("aria-pressed"));
    }

    @Test
    void badCallback_showsTheErrorNextToItsField_focusesIt_andAsksForTheSecretAgain() throws Exception {
        fill("apoorva.com", CLIENT_ID, SECRET);
        browser.findElement(By.cssSelector("button.primary")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-error")));
        assertEquals("Callback URL must be a full web address starting with http:// or https://, "
                + "like https://example.com/callback.", error.getText());
        WebElement callback = browser.findElement(By.id("callback"));
        assertEquals("true", callback.getDomAttribute("aria-invalid"));
        assertEquals("apoorva.com", callback.getDomProperty("value"));
        assertEquals(CLIENT_ID, browser.findElement(By.id("clientid")).getDomProperty("value"));
        assertEquals(callback, browser.switchTo().activeElement(), "the first invalid field has the focus");
        assertTrue(browser.findElement(By.id("error-summary")).getText().contains("Please correct this field"));
        assertEquals("", browser.findElement(By.id("clientsecret")).getDomProperty("value"));
        assertFalse(browser.getPageSource().contains(SECRET), "the secret is in the page after an error");

        screenshot("form-error.png");
    }

    @Test
    void ownScriptAndStylesheet_runUnderTheContentSecurityPolicy_whichRefusesInlineScript() {
        // The stylesheet applied: the Sign button has the accent colour, not the browser's grey.
        assertEquals("rgba(34, 86, 200, 1)",
                browser.findElement(By.cssSelector("button.primary")).getCssValue("background-color"));
        // The script ran: it un-hid the show button (waited for in openTheForm).
        assertTrue(browser.findElement(By.cssSelector("button.reveal")).isDisplayed());

        // The control: the policy is really enforced, and a violation really reaches the console as read here.
        ((JavascriptExecutor) browser).executeScript(
                "const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;';"
                        + "document.head.appendChild(s);");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.inlineRan;"));
        readConsole();
        assertTrue(console.stream().anyMatch(WebFormBrowserIT::isCspViolation), console.toString());
        console.clear();
    }

    @Test
    void apiLink_opensTheContractPage_styledUnderThePolicy_itsExamplesOpeningWithoutScript() throws Exception {
        browser.findElement(By.linkText("API")).click();

        WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertTrue(title.getText().startsWith("hmac REST API"), title.getText());
        assertEquals(0L, ((Number) ((JavascriptExecutor) browser).executeScript("return document.scripts.length;"))
                .longValue());
        // Its own stylesheet applied: the method badges have the accent colour.
        assertEquals("rgba(34, 86, 200, 1)", browser.findElement(By.cssSelector(".method")).getCssValue("background-color"));
        WebElement example = browser.findElement(By.id("op-sign-vector"));
        assertFalse(example.getText().contains(SIGNATURE), "the example is open before it is clicked");
        example.findElement(By.tagName("summary")).click();
        assertTrue(example.getText().contains(SIGNATURE), example.getText());

        screenshot("api-page.png");
    }

    private void fill(String callback, String clientId, String secret) {
        browser.findElement(By.id("callback")).sendKeys(callback);
        browser.findElement(By.id("clientid")).sendKeys(clientId);
        browser.findElement(By.id("clientsecret")).sendKeys(secret);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void readConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    private static boolean isCspViolation(String message) {
        return message.contains("Content Security Policy");
    }

    /** The whole page: the window is made as tall as the page first (plus what the window itself takes). */
    private static void screenshot(String name) throws Exception {
        Number page = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        Number viewport = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;");
        int frame = browser.manage().window().getSize().getHeight() - viewport.intValue();
        browser.manage().window().setSize(new Dimension(WIDTH, page.intValue() + frame));
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
