package com.executionledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.TestEvents;
import com.executionledger.query.auth.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's Chromium, headless) against the whole ledger: an
 * organization signs in, counts and filters its executions, opens one and checks its timeline and
 * an as-of state against the API, sees reconciliation; the operator re-drives a dead letter with a
 * corrected body (which the organization then sees in the timeline), rebuilds and swaps the read
 * model, and verifies the ledger. Screenshots of each page go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String ORGANIZATION = "org_console";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestEvents PAID_AND_DONE = TestEvents.of("exe_console_done", ORGANIZATION);
    private static final TestEvents FAILED_AFTER_PAYMENT = TestEvents.of("exe_console_failed", ORGANIZATION);
    private static final TestEvents WAITING = TestEvents.of("exe_console_waiting", ORGANIZATION);
    private static final TestEvents REDRIVEN = TestEvents.of("exe_console_redriven", ORGANIZATION);

    private static TestLedger ledger;
    private static ChromeDriver browser;
    private static WebDriverWait waiting;
    private static String token;
    private static String typo;

    @BeforeAll
    static void startLedgerAndBrowser() throws Exception {
        ledger = TestLedger.start("console");
        token = ledger.tokenFor(ORGANIZATION);
        ledger.publish(List.of(
                PAID_AND_DONE.created("d.c", 0), PAID_AND_DONE.paymentConfirmed("d.p", 1), PAID_AND_DONE.paymentConfirmed("d.p", 1),
                PAID_AND_DONE.queued("d.q", 2), PAID_AND_DONE.running("d.r", 3), PAID_AND_DONE.succeeded("d.s", 4),
                FAILED_AFTER_PAYMENT.created("f.c", 0), FAILED_AFTER_PAYMENT.paymentConfirmed("f.p", 1),
                FAILED_AFTER_PAYMENT.queued("f.q", 2), FAILED_AFTER_PAYMENT.failed("f.f", 3, "out of memory"),
                WAITING.created("w.c", 0),
                REDRIVEN.created("r.c", 0), REDRIVEN.paymentConfirmed("r.p", 1)));
        // a producer's typo: dead-lettered, for the operator to correct and re-drive
        typo = new String(new EnvelopeWriter().write(REDRIVEN.queued("r.q", 2)), StandardCharsets.UTF_8)
                .replace("workflow_queued", "workflow_qeued");
        ledger.publishRaw(REDRIVEN.header("r.q", 2).executionId(), typo.getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> api("/v1/executions").at("/data/items").size() == 4
                && api("/v1/executions/exe_console_done/events").at("/data/items").size() == 6
                && api("/v1/executions/exe_console_redriven/events").at("/data/items").size() == 3);
        browser = Browsers.headlessChromium(1280, 800);
        waiting = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void anOrganizationSignsInAndSeesItsExecutionsCountedAndFiltered() throws Exception {
        browser.get(consoleUrl());
        WebElement tokenField = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        screenshot("sign-in");
        tokenField.sendKeys(token, Keys.ENTER); // by keyboard alone
        waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table[aria-label=Executions] tbody tr"), 4));
        assertThat(browser.getCurrentUrl()).doesNotContain(token);
        assertThat(browser.executeScript("return JSON.stringify(sessionStorage)").toString()).contains(token);
        JsonNode counts = api("/v1/execution-counts").at("/data");
        assertThat(countButton("workflow_succeeded")).isEqualTo("workflow succeeded " + counts.at("/byStatus/workflow_succeeded").asLong());
        assertThat(countButton("awaiting_payment")).isEqualTo("awaiting payment " + counts.at("/byStatus/awaiting_payment").asLong());
        screenshot("executions");

        browser.findElement(By.cssSelector("input[name=status][value=workflow_failed]")).click();
        browser.findElement(By.cssSelector("input[name=status][value=awaiting_payment]")).click();
        browser.findElement(By.id("apply-filters")).click();
        waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table[aria-label=Executions] tbody tr"), 2));
        assertThat(listedIds()).containsExactlyElementsOf(
                api("/v1/executions?status=workflow_failed,awaiting_payment").at("/data/items").findValuesAsText("id"));
        screenshot("executions-filtered");

        browser.findElement(By.cssSelector("button[data-status=workflow_succeeded]")).click();
        waiting.until(driver -> listedIds().equals(List.of("exe_console_done")));
    }

    @Test
    @Order(2)
    void oneExecutionShowsItsTimelineAsTheLedgerKeepsItAndItsStateAsOfAnyPoint() throws Exception {
        browser.findElement(By.linkText("exe_console_done")).click();
        waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline > li"), 6));
        JsonNode history = api("/v1/executions/exe_console_done/events?limit=100").at("/data/items");
        List<WebElement> entries = browser.findElements(By.cssSelector("#timeline > li"));
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            assertThat(entries.get(i).getAttribute("data-outcome")).isEqualTo(entry.get("outcome").asText());
            assertThat(entries.get(i).getAttribute("data-position")).isEqualTo(entry.get("position").isNull() ? "" : entry.get("position").asText());
            assertThat(entries.get(i).findElement(By.className("event-type")).getText()).isEqualTo(entry.at("/envelope").has("type")
                    ? entry.at("/envelope/type").asText() : "again: event " + entry.at("/envelope/eventId").asText());
            assertThat(entries.get(i).findElement(By.className("effect")).getText()).isEqualTo(entry.get("effect").asText());
        }
        assertThat(history.findValuesAsText("outcome")).contains("duplicate");
        assertThat(field("#fields", "status")).isEqualTo("workflow_succeeded");

        entries.get(2).findElement(By.className("as-of-button")).click(); // the duplicate payment
        String asOf = URLEncoder.encode(history.get(2).get("arrivedAt").asText(), StandardCharsets.UTF_8);
        JsonNode then = api("/v1/executions/exe_console_done?asOf=" + asOf).at("/data");
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#as-of-fields")));
        assertThat(field("#as-of-fields", "status")).isEqualTo(then.get("status").asText()).isEqualTo("payment_confirmed");
        assertThat(field("#as-of-fields", "paymentStatus")).isEqualTo(then.get("paymentStatus").asText());
        assertThat(field("#as-of-fields", "runId")).isEqualTo("—");
        screenshot("execution");
    }

    @Test
    @Order(3)
    void reconciliationListsThePaidRunThatFailedUnrefunded() throws Exception {
        browser.findElement(By.linkText("Reconciliation")).click();
        WebElement findings = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[aria-label=Findings]")));
        assertThat(findings.getText()).contains("exe_console_failed", "failed unrefunded");
        screenshot("reconciliation");
    }

    @Test
    @Order(4)
    void theOperatorRedrivesACorrectedDeadLetterAndTheOrganizationSeesItInTheTimeline() throws Exception {
        signIn(TestLedger.ADMIN_TOKEN);
        WebElement open = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.open-dead-letter")));
        assertThat(browser.findElement(By.cssSelector("table[aria-label='Dead letters']")).getText()).contains("workflow_qeued");
        open.click();
        WebElement body = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("redrive-body")));
        String corrected = body.getAttribute("value").replace("workflow_qeued", "workflow_queued");
        body.clear();
        body.sendKeys(corrected);
        screenshot("dead-letter");
        browser.findElement(By.id("redrive-corrected")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        WebElement result = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#redrive-result .notice")));
        assertThat(result.getText()).startsWith("Re-driven: appended");

        signIn(token);
        await().atMost(WAIT).until(() -> api("/v1/executions/exe_console_redriven/events").at("/data/items").size() == 4);
        browser.get(consoleUrl() + "#/executions/exe_console_redriven");
        waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline > li"), 4));
        List<WebElement> entries = browser.findElements(By.cssSelector("#timeline > li"));
        assertThat(entries.get(2).getAttribute("data-outcome")).isEqualTo("rejected");
        assertThat(entries.get(3).getAttribute("data-outcome")).isEqualTo("appended");
        assertThat(entries.get(3).findElement(By.className("operator-act")).getText())
                .contains("redrive with a corrected body", "admin:");
        screenshot("execution-redriven");
    }

    @Test
    @Order(5)
    void theOperatorRebuildsAndSwapsTheReadModelAndVerifiesTheLedger() throws Exception {
        signIn(TestLedger.ADMIN_TOKEN);
        browser.findElement(By.linkText("Set aside")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Nothing set aside"));

        browser.findElement(By.linkText("Read-model rebuild")).click();
        waiting.until(ExpectedConditions.elementToBeClickable(By.id("start-rebuild"))).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rebuild"), "No differences"));
        screenshot("rebuild");
        browser.findElement(By.id("swap-read-model")).click();
        browser.findElement(By.id("confirm-ok")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rebuild"), "SWAPPED"));

        browser.findElement(By.linkText("Ledger digest")).click();
        WebElement digest = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("digest-value")));
        assertThat(digest.getText()).isEqualTo(ledger.api().admin("GET", "/admin/ledger/digest", null).at("/data/digest").asText());
        browser.findElement(By.id("verify")).click();
        WebElement verdict = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-verdict")));
        assertThat(verdict.getText()).isEqualTo("Intact.");
        screenshot("ledger");

        WebElement kept = browser.findElement(By.id("kept-digest"));
        String altered = kept.getAttribute("value").replaceFirst("\"digest\": \"[0-9a-f]{64}\"", "\"digest\": \"" + "0".repeat(64) + "\"");
        kept.clear();
        kept.sendKeys(altered);
        browser.findElement(By.id("verify")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "Not intact."));
    }

    @Test
    @Order(6)
    void atPhoneWidthTheListFitsTheScreen() throws Exception {
        signIn(token);
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(consoleUrl() + "#/executions");
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table[aria-label=Executions] tbody tr"), 4));
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
            screenshot("executions-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    @Order(7)
    void aRevokedTokenEndsTheSessionWithAClearWord() throws Exception {
        ApiTokens tokens = ledger.runtime().querySide().getBean(ApiTokens.class);
        ApiTokens.IssuedToken doomed = tokens.create(ORGANIZATION, "revoked while signed in");
        signIn(doomed.token());
        assertThat(tokens.revoke(doomed.id())).isTrue();
        // the navigation is drawn once the console has read who the token is: wait for it, not just for the page
        waiting.until(ExpectedConditions.elementToBeClickable(By.linkText("Reconciliation"))).click();
        WebElement problem = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#signin-problem .notice")));
        assertThat(problem.getText()).contains("no longer accepts this token");
        assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
        screenshot("session-ended");
    }

    @Test
    void onlyTheConsolesOriginMayCallTheCommandSidesAdminApiFromABrowser() throws Exception {
        assertThat(preflight("http://localhost:" + ledger.runtime().apiPort()).statusCode()).isEqualTo(200);
        assertThat(preflight("http://localhost:" + ledger.runtime().apiPort()).headers().firstValue("Access-Control-Allow-Origin"))
                .contains("http://localhost:" + ledger.runtime().apiPort());
        HttpResponse<String> stranger = preflight("https://evil.example");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ledger.runtime().commandPort() + "/admin/dead-letters"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signIn(String withToken) {
        browser.get(consoleUrl());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); location.hash = ''; location.reload()");
        WebElement field = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(withToken);
        browser.findElement(By.id("signin")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("signout")));
    }

    private static String consoleUrl() {
        return "http://localhost:" + ledger.runtime().apiPort() + "/console";
    }

    private static JsonNode api(String path) throws Exception {
        return ledger.api().json(token, path);
    }

    private static String countButton(String status) {
        return browser.findElement(By.cssSelector("button[data-status=" + status + "]")).getText();
    }

    private static List<String> listedIds() {
        List<String> ids = new ArrayList<>();
        browser.findElements(By.cssSelector("table[aria-label=Executions] tbody tr td:first-child a")).forEach(a -> ids.add(a.getText()));
        return ids;
    }

    private static String field(String list, String name) {
        return browser.findElement(By.cssSelector(list + " dd[data-field=" + name + "]")).getText();
    }

    private static void screenshot(String page) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Debian's Chromium and its ChromeDriver, never a browser downloaded by a tool (this machine cannot). */
    static final class Browsers {

        static ChromeDriver headlessChromium(int width, int height) throws IOException {
            Path chromium = Path.of(System.getenv().getOrDefault("LEDGER_CHROMIUM", "/usr/bin/chromium"));
            Path driver = Path.of(System.getenv().getOrDefault("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver"));
            assertThat(Files.isExecutable(chromium) && Files.isExecutable(driver))
                    .as("Chromium and ChromeDriver for the console's test (%s, %s): the build installs them where it may; "
                            + "otherwise: sudo apt-get install -y chromium chromium-driver", chromium, driver)
                    .isTrue();
            Path profile = Files.createTempDirectory("console-test-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort().withLogFile(Path.of("target", "chromedriver.log").toAbsolutePath().toFile()).build();
            return new ChromeDriver(service, options);
        }

        private Browsers() {
        }
    }
}
