package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web form in a real browser: Debian's headless Chromium, driven through its chromedriver, against the server
 * jar started as a user starts it, in-process and with {@code HMAC_API_URL} pointing at a fake deployed API. Signs,
 * checks, copies, reveals, opens the other schemes, sees field errors, narrows the window to 400 px, follows the link
 * to the API's page, and saves screenshots under {@code tests/target/screenshots/} (the ones in docs/ come from here).
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
    private static final int NARROW = 400;
    /** Breaks a line between two letters or digits, in the value of the element given: what a 400 px page must not. */
    private static final String MID_TOKEN_BREAKS = """
            const breaks = [];
            const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
            let previous = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rects = range.getClientRects();
                if (rects.length === 0) continue;
                const c = node.data[i];
                if (previous && rects[0].top > previous.top + 1 && /[A-Za-z0-9]/.test(previous.c) && /[A-Za-z0-9]/.test(c)) {
                  breaks.push(previous.c + '|' + c);
                }
                previous = {c: c, top: rects[0].top};
              }
            }
            return breaks;""";

    private static ServerProcess server;
    private static ServerProcess viaApi;
    private static FakeVerifyApi api;
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
        api = new FakeVerifyApi();
        viaApi = ServerProcess.start(Map.of("HMAC_API_URL", api.signatureUrl(), "HMAC_API_KEY", FakeVerifyApi.KEY));
        browser = chromium.start(profile, WIDTH, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
        for (ServerProcess process : new ServerProcess[] {server, viaApi}) {
            if (process != null) {
                List<String> output = process.stop();
                assertTrue(output.stream().noneMatch(line -> line.contains(SECRET)), output.toString());
            }
        }
    }

    @BeforeEach
    void openTheForm() {
        Assumptions.assumeTrue(browser != null, SystemChromium::missing);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
        open(server, "/");
        readConsole();
    }

    @AfterEach
    void noContentSecurityPolicyComplaintsNorMissingFiles() {
        if (browser == null) {
            return;
        }
        readConsole();
        assertTrue(console.stream().noneMatch(WebFormBrowserIT::isCspViolation), console.toString());
        // The page's own files, the icon among them: the browser asks for /favicon.ico by itself.
        assertTrue(console.stream().noneMatch(line -> line.contains("Failed to load resource")
                && (line.contains("/favicon.ico") || line.contains("/static/"))), console.toString());
    }

    // ---- signing ----

    @Test
    void vector_typedIntoTheForm_showsTheOriginalsSignature_andThePageNeverHoldsTheSecret() throws Exception {
        signTheVector();

        WebElement signature = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result-signature")));
        assertEquals(SIGNATURE, signature.getText());
        assertEquals(TIMESTAMP, text("result-timestamp"));
        assertEquals(CALLBACK, text("result-callback"));
        assertEquals(CLIENT_ID, text("result-clientid"));
        assertEquals("HMAC-SHA256, base64", text("result-scheme"));
        assertTrue(browser.findElement(By.cssSelector(".result")).getText().contains("2015-10-13 18:57:58 UTC"));
        assertFalse(browser.getPageSource().contains(SECRET), "the secret is in the page after submit");
        assertEquals("", browser.findElement(By.id("clientsecret")).getDomProperty("value"));

        screenshot("form-result.png");
        browser.findElement(By.linkText("Check a signature")).click();
        wait.until(ExpectedConditions.urlToBe(server.uri().resolve("/check").toString()));
    }

    @Test
    void copyButtons_haveDistinctNames_copy_andSayCopiedInALiveRegion() {
        signTheVector();
        WebElement copy = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("button.copy[data-copy-target=result-signature]")));
        List<String> names = browser.findElements(By.cssSelector("button.copy")).stream()
                .map(WebElement::getAccessibleName).toList();
        WebElement status = browser.findElement(By.id("copy-status"));

        assertEquals(List.of("Copy signature", "Copy timestamp"), names);
        assertEquals("status", status.getAriaRole());
        copy.click();

        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        wait.until(d -> "Copied the signature.".equals(status.getDomProperty("textContent")));
        // Pasting where a person would: into a field of the page.
        WebElement field = browser.findElement(By.id("clientid"));
        field.clear();
        field.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertEquals(SIGNATURE, field.getDomProperty("value"));

        browser.findElement(By.cssSelector("button.copy[data-copy-target=result-timestamp]")).click();
        wait.until(d -> "Copied the timestamp.".equals(status.getDomProperty("textContent")));
    }

    @Test
    void otherSchemes_areClosedAtFirst_markMd5AndSha1Weak_andSignWithTheSchemeChosen() throws Exception {
        WebElement algorithm = browser.findElement(By.id("algorithm"));
        WebElement schemes = browser.findElement(By.cssSelector("details.schemes"));
        assertFalse(algorithm.isDisplayed(), "the disclosure starts closed");
        assertEquals(null, schemes.getDomAttribute("open"));

        schemes.findElement(By.tagName("summary")).click();
        Select algorithms = new Select(algorithm);
        assertEquals(List.of("HMAC-SHA256 (the default)", "HMAC-SHA384", "HMAC-SHA512", "HMAC-SHA224", "HMAC-SHA1 (weak)",
                "HMAC-MD5 (weak)"), algorithms.getOptions().stream().map(WebElement::getText).toList());
        algorithms.selectByValue("sha512");
        new Select(browser.findElement(By.id("encoding"))).selectByValue("hex");
        signTheVector();

        assertEquals(hmac("HmacSHA512"), wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("result-signature"))).getText());
        assertEquals("HMAC-SHA512, hex", text("result-scheme"));
        assertEquals("sha512", new Select(browser.findElement(By.id("algorithm"))).getFirstSelectedOption()
                .getDomAttribute("value"), "the scheme stays chosen for the next signature");
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

    // ---- checking ----

    @Test
    void checkPage_rightSignature_saysMatchFirst_thenTheStringSigned() throws Exception {
        open(server, "/check");
        fillCheck(SIGNATURE);
        browser.findElement(By.cssSelector("button.primary")).click();

        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-title")));
        assertEquals("✓ Match", verdict.getText());
        assertEquals(List.of(), browser.findElements(By.cssSelector(".reasons li")));
        assertEquals("«client secret, 16 characters» + https://apoorva.com + LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + "
                + "1444762678", text("message-to-sign"));
        assertEquals(SIGNATURE, text("result-signature"));
        assertFalse(browser.getPageSource().contains(SECRET));

        screenshot("check-match.png");
    }

    @Test
    void checkPage_plusSignsReadAsSpaces_sayNoMatch_andWhy_beforeTheStringSigned() throws Exception {
        String sent = SIGNATURE.replace('+', ' ');
        open(server, "/check");
        fillCheck(sent);
        browser.findElement(By.cssSelector("button.primary")).click();

        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-title")));
        assertEquals("✗ No match", verdict.getText());
        List<WebElement> reasons = browser.findElements(By.cssSelector(".reasons li"));
        assertEquals(List.of("url-decoded"), reasons.stream().map(li -> li.getDomAttribute("data-cause")).toList());
        assertEquals("URL-decoded", reasons.get(0).findElement(By.tagName("h3")).getText());
        assertTrue(reasons.get(0).getText().contains("The signature has spaces where the right one has + signs"),
                reasons.get(0).getText());
        assertInOrder(verdict, reasons.get(0), browser.findElement(By.id("message-to-sign")),
                browser.findElement(By.id("result-signature")), browser.findElement(By.tagName("form")));
        assertEquals(SIGNATURE, text("result-signature"));
        assertEquals("", browser.findElement(By.id("signature")).getDomProperty("value"), "the signature typed is not kept");
        assertFalse(browser.getPageSource().contains(sent));
        assertFalse(browser.getPageSource().contains(SECRET));

        screenshot("check-mismatch.png");
    }

    @Test
    void checkPage_withHmacApiUrl_checksThroughTheDeployedVerify_andShowsItsVerdict() {
        open(viaApi, "/check");
        fillCheck(SIGNATURE);
        browser.findElement(By.tagName("summary")).click();
        new Select(browser.findElement(By.id("algorithm"))).selectByValue("sha384");
        browser.findElement(By.cssSelector("button.primary")).click();

        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-title")));
        assertEquals("✗ No match", verdict.getText());
        WebElement reason = browser.findElement(By.cssSelector(".reasons li"));
        assertEquals("timestamp", reason.getDomAttribute("data-cause"));
        assertTrue(reason.getText().contains(FakeVerifyApi.TIMESTAMP_MESSAGE), reason.getText());
        FakeVerifyApi.Request request = api.last();
        assertEquals("/Prod/verify", request.path());
        assertEquals(FakeVerifyApi.KEY, request.apiKey());
        assertEquals(Map.of("callback", CALLBACK, "clientid", CLIENT_ID, "clientsecret", SECRET, "timestamp", TIMESTAMP,
                "signature", SIGNATURE, "algorithm", "sha384", "encoding", "base64"), request.body());
        assertFalse(browser.getPageSource().contains(SECRET));
    }

    // ---- every user ----

    @Test
    void inputBorders_asTheBrowserDrawsThem_haveAtLeast3To1AgainstTheCard() {
        for (String path : List.of("/", "/check")) {
            open(server, path);
            String card = browser.findElement(By.tagName("main")).getCssValue("background-color");
            for (WebElement control : browser.findElements(By.cssSelector("input, select"))) {
                String border = control.getCssValue("border-top-color");
                double ratio = contrast(border, card);
                assertTrue(ratio >= 3, path + " #" + control.getDomAttribute("id") + ": " + border + " on " + card
                        + " is " + ratio + ":1");
            }
        }
    }

    @Test
    void at400Pixels_theResultStacks_andNoValueBreaksMidTokenButTheSignature() throws Exception {
        narrow();
        open(server, "/");
        fill("https://partner.example.com/oauth2/callback/apigee", CLIENT_ID, SECRET);
        browser.findElement(By.tagName("summary")).click();
        browser.findElement(By.id("timestamp")).sendKeys(TIMESTAMP);
        browser.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result-signature")));

        assertFitsAndStacks();
        assertNoMidTokenBreaks("result-timestamp", "result-callback", "result-clientid", "result-scheme");
        WebElement signature = browser.findElement(By.id("result-signature"));
        WebElement copy = browser.findElement(By.cssSelector("button.copy[data-copy-target=result-signature]"));
        assertTrue(lines(signature) > 1, "at 400 px the signature wraps");
        assertTrue(copy.getRect().getY() >= signature.getRect().getY() + signature.getRect().getHeight() - 1,
                "the copy button is below the signature, not inside its lines");
        WebElement box = browser.findElement(By.cssSelector(".result"));
        assertTrue(signature.getRect().getX() + signature.getRect().getWidth() <= box.getRect().getX()
                + box.getRect().getWidth(), "the signature wraps inside its box");
        screenshot("form-400px.png", NARROW);

        open(server, "/check");
        fillCheck(SIGNATURE.replace('+', ' '));
        browser.findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-title")));

        assertFitsAndStacks();
        assertNoMidTokenBreaks("verdict-title", "message-to-sign", "result-timestamp", "result-callback",
                "result-clientid");
        for (WebElement reason : browser.findElements(By.cssSelector(".reasons li p, .verdict p"))) {
            assertEquals(List.of(), browser.executeScript(MID_TOKEN_BREAKS, reason), reason.getText());
        }
        screenshot("check-400px.png", NARROW);
    }

    @Test
    void ownScriptAndStylesheet_runUnderTheContentSecurityPolicy_whichRefusesInlineScript() {
        // The stylesheet applied: the Sign button has the accent colour, not the browser's grey.
        assertEquals("rgba(34, 86, 200, 1)",
                browser.findElement(By.cssSelector("button.primary")).getCssValue("background-color"));
        // The script ran: it un-hid the show button (waited for in open).
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

    // ---- helpers ----

    private static void open(ServerProcess process, String path) {
        browser.get(process.uri().resolve(path).toString());
        // The script un-hides the show button: once visible, it has run.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.reveal")));
    }

    private void signTheVector() {
        fill(CALLBACK, CLIENT_ID, SECRET);
        browser.findElement(By.tagName("summary")).click();
        browser.findElement(By.id("timestamp")).sendKeys(TIMESTAMP);
        browser.findElement(By.cssSelector("button.primary")).click();
    }

    private void fill(String callback, String clientId, String secret) {
        browser.findElement(By.id("callback")).sendKeys(callback);
        browser.findElement(By.id("clientid")).sendKeys(clientId);
        browser.findElement(By.id("clientsecret")).sendKeys(secret);
    }

    private void fillCheck(String signature) {
        fill(CALLBACK, CLIENT_ID, SECRET);
        browser.findElement(By.id("timestamp")).sendKeys(TIMESTAMP);
        browser.findElement(By.id("signature")).sendKeys(signature);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String hmac(String algorithm) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), algorithm));
        return HexFormat.of().formatHex(mac.doFinal((SECRET + CALLBACK + CLIENT_ID + TIMESTAMP)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Each element starts below the one before it. */
    private static void assertInOrder(WebElement... elements) {
        for (int i = 1; i < elements.length; i++) {
            assertTrue(elements[i].getRect().getY() > elements[i - 1].getRect().getY(),
                    elements[i].getTagName() + " is not below " + elements[i - 1].getTagName());
        }
    }

    /** A viewport of 400 CSS pixels, as a phone held upright has. */
    private static void narrow() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", NARROW, "height", 900,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** Nothing wider than the window, and each term of the result above its value. */
    private static void assertFitsAndStacks() {
        assertEquals(NARROW, ((Number) browser.executeScript("return window.innerWidth;")).intValue());
        assertTrue(((Number) browser.executeScript("return document.documentElement.scrollWidth;")).intValue() <= NARROW,
                "the page scrolls sideways at 400 px");
        List<WebElement> terms = browser.findElements(By.cssSelector(".result dt"));
        assertFalse(terms.isEmpty());
        for (WebElement term : terms) {
            WebElement value = term.findElement(By.xpath("following-sibling::dd[1]"));
            assertTrue(value.getRect().getY() >= term.getRect().getY() + term.getRect().getHeight() - 1,
                    term.getText() + " is beside its value, not above it");
        }
    }

    private static void assertNoMidTokenBreaks(String... ids) {
        for (String id : ids) {
            WebElement element = browser.findElement(By.id(id));
            assertEquals(List.of(), browser.executeScript(MID_TOKEN_BREAKS, element), id + ": " + element.getText());
        }
    }

    /** How many lines the element's text takes. */
    private static long lines(WebElement element) {
        return ((Number) browser.executeScript("const range = document.createRange();"
                + "range.selectNodeContents(arguments[0]);"
                + "return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;", element)).longValue();
    }

    /** The WCAG contrast ratio of two CSS colours as the browser reports them ({@code rgba(r, g, b, a)}, opaque). */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String rgba) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(rgba);
        assertTrue(m.find(), rgba);
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(m.group(i + 1)) / 255.0;
            l += weights[i] * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return l;
    }

    private void readConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    private static boolean isCspViolation(String message) {
        return message.contains("Content Security Policy");
    }

    private static void screenshot(String name) throws Exception {
        screenshot(name, WIDTH);
    }

    /** The whole page at this width: the window is made as tall as the page first. */
    private static void screenshot(String name, int width) throws Exception {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollHeight;");
        if (width == WIDTH) {
            Number viewport = (Number) browser.executeScript("return window.innerHeight;");
            int frame = browser.manage().window().getSize().getHeight() - viewport.intValue();
            browser.manage().window().setSize(new Dimension(WIDTH, page.intValue() + frame));
        } else {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", page.intValue(), "deviceScaleFactor", 1, "mobile", false));
        }
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
