package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.Routes;
import pwausers.function.testkit.NameCases;
import pwausers.function.testkit.NameCases.NameCase;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.Http;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app in real, headless Chromium (Debian's chromium and chromedriver) against the local stack: a person
 * fills the form, goes offline, comes back; the name rules, the entries' buttons, the live region, how long entries
 * stay on the device, and the Content-Security-Policy. A screenshot of the success state is saved under
 * target/screenshots/.
 *
 * <p>One stack and one browser for the class (tests run one at a time); each test has its own tab and its own origin
 * (a {@link Relay} port of its own in front of the API), so its own storage and service worker, cleared after it;
 * it cuts its relay to take the API away, and counts only what it wrote.
 */
class WebAppBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DAY = Duration.ofDays(1);

    private static LocalStack stack;
    private static WebDriver browser;
    private Relay api;
    private int itemsBefore;

    @BeforeAll
    static void startTheStackAndTheBrowser(@TempDir Path tmp) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) { // CI installs them (.ci/run) and must run these tests
            assumeThat(installed).as("Debian's chromium and chromium-driver are not installed: skipping the browser tests"
                    + " (apt-get install chromium chromium-driver)").isTrue();
        }
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // the stage's throttle out of reach: the name cases are posted as fast as the page can
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, null, ProjectFiles.root().resolve("web"),
                LocalApi.THROTTLE_OUT_OF_REACH, console));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=900,1100", "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopTheBrowserAndTheStack() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** A tab and an origin of this test's own (a tab carries CDP scripts and network emulation; an origin, storage). */
    @BeforeEach
    void openOwnTabAndOrigin() {
        api = new Relay(stack.apiUrl().getPort());
        String previous = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String own = browser.getWindowHandle();
        browser.switchTo().window(previous).close();
        browser.switchTo().window(own);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        itemsBefore = items();
    }

    /** Leaves the browser and the stack as the test found them: its origin's storage and worker gone, the table there. */
    @AfterEach
    void forgetOwnOrigin() {
        try {
            cdp("Storage.clearDataForOrigin", Map.of("origin", "http://localhost:" + api.port(), "storageTypes", "all"));
        } finally {
            api.close();
            ensureTables();
        }
    }

    /** Every table of the template is there (a test may take one away). */
    private static void ensureTables() {
        SamTemplate template = stack.values().template();
        for (String table : template.logicalIdsOfType("AWS::DynamoDB::Table")) {
            LocalTables.ensureTable(stack.engine().client(), template, table, stack.values().tableName(table));
        }
    }

    private String app() {
        return "http://localhost:" + api.port() + "/";
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void openApp() {
        browser.get(app());
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    private void submit(String firstname, String lastname) {
        WebElement fname = browser.findElement(By.id("fname"));
        WebElement lname = browser.findElement(By.id("lname"));
        fname.clear();
        fname.sendKeys(firstname);
        lname.clear();
        lname.sendKeys(lastname);
        browser.findElement(By.id("submit")).click();
    }

    /**
     * Submits the form and waits until the page is done with this submission: its own entry in the list (found by its
     * Idempotency-Key, not as the newest entry, which is an older one until the new one is stored) and the form no
     * longer busy, so that the entry's state and the status region say what the page made of the answer.
     *
     * @return the new entry's Idempotency-Key
     */
    private String submitAndWait(String firstname, String lastname) {
        List<String> before = entryKeys();
        submit(firstname, lastname);
        String key = waitUpTo(10).until(d -> entryKeys().stream().filter(k -> !before.contains(k)).findFirst().orElse(null));
        waitUpTo(30).until(d -> d.findElement(By.id("pwa-user-form")).getAttribute("aria-busy") == null);
        return key;
    }

    /** The Idempotency-Keys of the entries in the list, newest first, read at one instant. */
    @SuppressWarnings("unchecked")
    private List<String> entryKeys() {
        return (List<String>) js().executeScript(
                "return Array.from(document.querySelectorAll('#submissions > li'), (li) => li.dataset.idempotencyKey);");
    }

    private String state(String key) {
        return submission(key).getAttribute("data-state");
    }

    private WebElement newestSubmission() {
        return browser.findElement(By.cssSelector("#submissions > li"));
    }

    private String usersTable() {
        return stack.values().tableName(PwaUsersTable.LOGICAL_ID);
    }

    private int items() {
        return stack.engine().client().scan(b -> b.tableName(usersTable())).count();
    }

    /** Items this test wrote (the tests run one at a time). */
    private int itemsWritten() {
        return items() - itemsBefore;
    }

    /** GET or DELETE /pwausers/{id} straight to the stack, as another client of the API would send it. */
    private static HttpResponse<String> entryRequest(String method, String id) {
        return Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(Routes.RESOURCE_PATH + "/" + id))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Both names as the page's sentences hold them: each isolated (FSI ... PDI) from the text around it. */
    private static String isolated(String firstname, String lastname) {
        return "\u2068" + firstname + "\u2069 \u2068" + lastname + "\u2069";
    }

    private WebElement action(String key, String action) {
        return submission(key).findElement(By.cssSelector("[data-action=" + action + "]"));
    }

    /** Clicks the entry's "Delete from the server" and answers the confirmation dialog (which names the entry). */
    private void deleteFromTheServer(String key, boolean confirm) {
        action(key, "erase").click();
        WebElement dialog = browser.findElement(By.id("confirm-erase"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        browser.findElement(By.id(confirm ? "confirm-erase-yes" : "confirm-erase-no")).click();
        waitUpTo(10).until(d -> !dialog.isDisplayed());
    }

    /** The users' table's item with this id; empty when there is none. */
    private Map<String, AttributeValue> storedItem(String id) {
        return stack.engine().client().getItem(b -> b.tableName(usersTable())
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return ((ChromeDriver) browser).executeCdpCommand(command, parameters);
    }

    private WebElement submission(String key) {
        return browser.findElement(By.cssSelector("#submissions > li[data-idempotency-key='" + key + "']"));
    }

    private void awaitServiceWorker() {
        waitUpTo(20).until(d -> "active".equals(d.findElement(By.tagName("html")).getAttribute("data-sw")));
    }

    /** Takes the API (and the page's files) away from this test's origin: the app is offline as far as it can tell. */
    private void cutTheApi() {
        api.cut();
    }

    /** Every later page load sees Date.now() moved on by this much (the queue's clock; the service worker's is not). */
    private void movePageClock(Duration ahead, String[] scriptId) {
        if (scriptId[0] != null) {
            cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId[0]));
        }
        scriptId[0] = (String) cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(() => { const real = Date.now; Date.now = () => real.call(Date) + " + ahead.toMillis() + "; })();"))
                .get("identifier");
    }

    /** The entries the page's queue holds (IndexedDB), as "fname state". */
    @SuppressWarnings("unchecked")
    private List<String> storedEntries() {
        return (List<String>) js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.pwaUsers.queue.list().then((all) => done(all.map((r) => r.fname + ' ' + r.state)),"
                + " (e) => done(['error ' + e]));");
    }

    @Test
    void fillingInTheForm_storesTheEntry_andShowsItsId() throws IOException {
        openApp();

        String mickey = submitAndWait("Mickey", "Mouse");

        assertThat(state(mickey)).isEqualTo("saved");
        String id = submission(mickey).getAttribute("data-id");
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(submission(mickey).findElement(By.cssSelector("[data-role=id]")).getText()).isEqualTo(id);
        assertThat(browser.findElement(By.id("status")).getText()).contains("Successfully added user!");
        Map<String, AttributeValue> item = storedItem(id);
        assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        assertThat(item.get(PwaUsersTable.LASTNAME).s()).isEqualTo("Mouse");

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("web-app-saved.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aBlankField_showsItsErrorBesideIt_andNothingIsWritten() {
        openApp();

        submit("   ", "Mouse");

        WebElement error = browser.findElement(By.id("fname-error"));
        waitUpTo(10).until(d -> error.isDisplayed() && !error.getText().isBlank());
        assertThat(browser.findElement(By.id("fname")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(itemsWritten()).isZero();
    }

    @Test
    void offline_theSubmissionIsQueued_thenSavedOnceWhenTheApiIsBack() {
        openApp();
        waitUpTo(20).until(d -> "active".equals(d.findElement(By.tagName("html")).getAttribute("data-sw")));
        cutTheApi();

        String key = submitAndWait("Minnie", "Mouse");
        assertThat(state(key)).isIn("queued", "sending");

        api.restore();
        ((JavascriptExecutor) browser).executeScript("window.pwaUsers.flush()");
        waitUpTo(60).until(d -> "saved".equals(state(key)));

        assertThat(entryKeys()).containsExactly(key);
        assertThat(itemsWritten()).isEqualTo(1);
        assertThat(storedItem(submission(key).getAttribute("data-id")).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Minnie");
    }

    @Test
    void offline_thePageStillOpens_fromTheServiceWorker() {
        openApp();
        waitUpTo(20).until(d -> "active".equals(d.findElement(By.tagName("html")).getAttribute("data-sw")));
        cutTheApi();

        browser.navigate().refresh();

        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("fname")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
    }

    @Test
    void everySharedNameCase_getsTheSameAnswerFromThePageAsFromTheServer() {
        openApp();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        List<NameCase> cases = NameCases.all();

        // Each case through the page's own check (window.pwaUsers.check, what the form runs), in either field, and
        // posted as both names to the API as a browser posts it.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers = (List<Map<String, Object>>) js().executeAsyncScript("""
                const text = arguments[0];
                const done = arguments[arguments.length - 1];
                const names = JSON.parse(text).cases.map((c) => c.name.repeat(c.repeat || 1));
                (async () => {
                    const answers = [];
                    for (const name of names) {
                        const fname = window.pwaUsers.check({ fname: name, lname: "Mouse" }).fname || null;
                        const lname = window.pwaUsers.check({ fname: "Mickey", lname: name }).lname || null;
                        const response = await fetch(PwaQueue.API_PATH, { method: "POST",
                            headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fname: name, lname: name }) });
                        const body = await response.json();
                        answers.push({ fname, lname, status: response.status, field: body.Field || null, message: body.Message });
                    }
                    return answers;
                })().then(done, (e) => done(String(e)));
                """, NameCases.text());
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) js().executeScript("return PwaQueue.FIELD_LABELS;");

        assertThat(answers).hasSameSizeAs(cases);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < cases.size(); i++) {
            NameCase nameCase = cases.get(i);
            Map<String, Object> answer = answers.get(i);
            if (nameCase.accepted()) {
                softly.assertThat(answer.get("fname")).as(nameCase + ": the page, as first name").isNull();
                softly.assertThat(answer.get("lname")).as(nameCase + ": the page, as last name").isNull();
                softly.assertThat(answer.get("status")).as(nameCase + ": the server").isEqualTo(201L);
            } else {
                softly.assertThat(answer.get("fname")).as(nameCase + ": the page, as first name")
                        .isEqualTo(labels.get("fname") + " " + nameCase.refused() + ".");
                softly.assertThat(answer.get("lname")).as(nameCase + ": the page, as last name")
                        .isEqualTo(labels.get("lname") + " " + nameCase.refused() + ".");
                softly.assertThat(answer.get("status")).as(nameCase + ": the server").isEqualTo(400L);
                softly.assertThat(answer.get("field")).as(nameCase + ": the server's field").isEqualTo("fname");
                softly.assertThat(answer.get("message")).as(nameCase + ": the server's message")
                        .isEqualTo("fname " + nameCase.refused());
            }
        }
        softly.assertAll();
        assertThat(itemsWritten()).isEqualTo(cases.stream().filter(NameCase::accepted).count());
    }

    @Test
    void aNameThatShowsNothing_orShowsSomethingElse_isRefusedBesideItsField_andNothingIsSent() {
        openApp();

        js().executeScript("document.getElementById('fname').value = arguments[0];"
                + "document.getElementById('lname').value = arguments[1];", "\u3164", "gnp\u202e.exe");
        browser.findElement(By.id("submit")).click();

        WebElement fnameError = browser.findElement(By.id("fname-error"));
        WebElement lnameError = browser.findElement(By.id("lname-error"));
        waitUpTo(10).until(d -> fnameError.isDisplayed() && lnameError.isDisplayed());
        assertThat(fnameError.getText()).isEqualTo("First name must contain a visible letter, digit or symbol.");
        assertThat(lnameError.getText()).isEqualTo("Last name must not contain bidirectional control characters.");
        assertThat(browser.findElement(By.id("fname")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("lname")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("submissions")).getAttribute("data-count")).isEqualTo("0");
        assertThat(itemsWritten()).isZero();
    }

    @Test
    void tryAgainAndRemove_sayWhichEntryTheyActOn_andDoWhatTheySay() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        assertThat(state(mickey)).isEqualTo("saved");
        String mickeyId = submission(mickey).getAttribute("data-id");
        // A failure on the server's side: without the Idempotency-Keys' table, the function answers 500 and the entry
        // offers "Try again" (with nothing claimed for its key, so that the try after the table is back is answered).
        DynamoDbClient client = stack.engine().client();
        String keys = stack.values().tableName(IdempotencyTable.LOGICAL_ID);
        client.deleteTable(b -> b.tableName(keys));
        client.waiter().waitUntilTableNotExists(b -> b.tableName(keys));
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isEqualTo("failed");
        assertThat(submission(minnie).getAttribute("data-status")).isEqualTo("500");

        WebElement tryAgain = submission(minnie).findElement(By.cssSelector("[data-action=retry]"));
        assertThat(tryAgain.getAccessibleName()).isEqualTo("Try again to send Minnie Mouse");
        assertThat(tryAgain.getText()).isEqualTo("Try again");
        assertThat(submission(minnie).findElement(By.cssSelector("[data-action=remove]")).getAccessibleName())
                .isEqualTo("Remove Minnie Mouse from this device");
        WebElement removeMickey = submission(mickey).findElement(By.cssSelector("[data-action=remove]"));
        assertThat(removeMickey.getAccessibleName()).isEqualTo("Remove Mickey Mouse from this device");
        assertThat(removeMickey.getText()).isEqualTo("Remove from this device");
        assertThat(submission(mickey).findElement(By.cssSelector("[data-action=retry]")).isDisplayed()).isFalse();

        ensureTables();
        tryAgain.click();
        waitUpTo(60).until(d -> "saved".equals(state(minnie)));
        removeMickey.click();
        waitUpTo(10).until(d -> entryKeys().equals(List.of(minnie)));

        assertThat(storedEntries()).containsExactly("Minnie saved");
        assertThat(storedItem(submission(minnie).getAttribute("data-id"))).isNotEmpty();
        assertThat(storedItem(mickeyId)).as("Remove forgets on this device only").isNotEmpty();
    }

    @Test
    void theOfflineBanner_isALiveRegion_thatSaysWhenTheBrowserGoesOfflineAndBack() {
        openApp();
        WebElement banner = browser.findElement(By.id("connection"));
        assertThat(banner.getAriaRole()).isEqualTo("status");
        assertThat(banner.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(banner.getText()).isEmpty();
        // there before anything is said (a live region must be in the accessibility tree when its text changes)
        assertThat(banner.getAttribute("hidden")).isNull();
        assertThat(js().executeScript("return getComputedStyle(arguments[0]).display;", banner)).isNotEqualTo("none");

        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
        waitUpTo(10).until(d -> "false".equals(banner.getAttribute("data-online")));
        assertThat(banner.getText()).startsWith("Offline: new entries are kept on this device");

        cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
        waitUpTo(10).until(d -> "true".equals(banner.getAttribute("data-online")));
        assertThat(banner.getText()).startsWith("Back online");
        assertThat(browser.findElement(By.id("connection"))).isEqualTo(banner); // the same region, its text changed
    }

    @Test
    void finishedEntries_areForgottenSevenDaysAfterTheyFinished_whileQueuedOnesStay() {
        String[] clock = {null};
        openApp();
        assertThat(browser.findElement(By.cssSelector("[data-retention-days]")).getText()).isEqualTo("7");
        awaitServiceWorker();
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        cutTheApi();
        assertThat(state(submitAndWait("Minnie", "Mouse"))).isIn("queued", "sending");

        movePageClock(DAY.multipliedBy(7).minusMinutes(1), clock);
        openApp();
        assertThat(storedEntries()).containsExactlyInAnyOrder("Mickey saved", "Minnie queued");

        movePageClock(DAY.multipliedBy(7).plusMinutes(1), clock);
        openApp();
        assertThat(storedEntries()).containsExactly("Minnie queued");
        assertThat(browser.findElement(By.id("submissions")).getAttribute("data-count")).isEqualTo("1");
        assertThat(newestSubmission().findElement(By.cssSelector("[data-role=name]")).getText())
                .isEqualTo("Minnie Mouse");
    }

    @Test
    void forgetFinishedEntries_forgetsEverySavedAndFailedEntry_butNotWhatIsStillToBeSent() {
        openApp();
        awaitServiceWorker();
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        assertThat(state(submitAndWait("Donald", "Duck"))).isEqualTo("saved");
        assertThat(browser.findElement(By.id("status")).getText()).contains("Donald");
        cutTheApi();
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isIn("queued", "sending");

        browser.findElement(By.id("clear-finished")).click();

        // the status is set once the list is rendered, and the list may render twice (the queue's change, the click)
        WebElement status = browser.findElement(By.id("status"));
        waitUpTo(10).until(d -> "info".equals(status.getAttribute("data-kind")));
        assertThat(status.getText()).isEqualTo("2 finished entries forgotten by this device.");
        assertThat(entryKeys()).containsExactly(minnie);
        assertThat(storedEntries()).hasSize(1).allMatch(entry -> entry.startsWith("Minnie "));
        browser.navigate().refresh();
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("submissions")).getText()).doesNotContain("Mickey", "Donald");
    }

    @Test
    void deleteFromTheServer_asksFirst_thenTheEntryIsGoneThereAndFromTheDevice() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        String mickeyId = submission(mickey).getAttribute("data-id");
        String donald = submitAndWait("Donald", "Duck");
        WebElement erase = action(mickey, "erase");
        assertThat(erase.getText()).isEqualTo("Delete from the server");
        assertThat(erase.getAccessibleName()).isEqualTo("Delete Mickey Mouse from the server");
        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("present");

        deleteFromTheServer(mickey, false); // Cancel: nothing happens
        assertThat(entryKeys()).containsExactly(donald, mickey);
        assertThat(entryRequest("GET", mickeyId).statusCode()).isEqualTo(200);

        action(mickey, "erase").click();
        WebElement dialog = browser.findElement(By.id("confirm-erase"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        assertThat(dialog.getAriaRole()).isEqualTo("dialog");
        assertThat(dialog.getText()).contains("Delete from the server?", "Mickey Mouse will be deleted from the server");
        WebElement confirm = browser.findElement(By.id("confirm-erase-yes"));
        assertThat(confirm.getAccessibleName()).isEqualTo("Delete Mickey Mouse from the server");
        confirm.click();

        waitUpTo(20).until(d -> entryKeys().equals(List.of(donald)));
        WebElement status = browser.findElement(By.id("status"));
        waitUpTo(10).until(d -> "success".equals(status.getAttribute("data-kind")));
        assertThat(status.getText()).isEqualTo(isolated("Mickey", "Mouse") + " was deleted from the server and from this device.");
        assertThat(entryRequest("GET", mickeyId).statusCode()).isEqualTo(404);
        assertThat(storedItem(mickeyId)).isEmpty();
        assertThat(storedItem(submission(donald).getAttribute("data-id"))).isNotEmpty(); // nothing else deleted
        assertThat(storedEntries()).containsExactly("Donald saved");
    }

    @Test
    void anEntryDeletedElsewhere_isShownAsNoLongerOnTheServer_whenThePageOpens_evenOffline() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        String donald = submitAndWait("Donald", "Duck");
        assertThat(entryRequest("DELETE", submission(mickey).getAttribute("data-id")).statusCode()).isEqualTo(204);

        openApp();
        waitUpTo(20).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-server-checked")));

        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("gone");
        assertThat(submission(mickey).findElement(By.cssSelector("[data-role=state]")).getText())
                .isEqualTo("No longer on the server");
        assertThat(action(mickey, "erase").isDisplayed()).isFalse();
        assertThat(action(mickey, "remove").isDisplayed()).isTrue();
        assertThat(submission(donald).getAttribute("data-server")).isEqualTo("present");
        assertThat(submission(donald).findElement(By.cssSelector("[data-role=state]")).getText()).isEqualTo("Saved");
        assertThat(action(donald, "erase").isDisplayed()).isTrue();

        // Opened again with the server out of reach: what the server said stays; what it cannot say now is said so.
        awaitServiceWorker();
        cutTheApi();
        openApp();
        waitUpTo(30).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-server-checked")));
        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("gone");
        assertThat(submission(donald).getAttribute("data-server")).isEqualTo("unknown");
        assertThat(submission(donald).findElement(By.cssSelector("[data-role=message]")).getText())
                .endsWith("Not checked with the server just now: Could not reach the server.");
    }

    @Test
    void removeFromThisDevice_leavesTheEntryOnTheServer() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        String id = submission(mickey).getAttribute("data-id");

        action(mickey, "remove").click();

        waitUpTo(10).until(d -> entryKeys().isEmpty());
        assertThat(storedEntries()).isEmpty();
        HttpResponse<String> entry = entryRequest("GET", id);
        assertThat(entry.statusCode()).isEqualTo(200);
        assertThat(entry.body()).contains("\"PwaUserId\":\"" + id + "\"", "\"Firstname\":\"Mickey\"");
    }

    @Test
    void deleteFromTheServer_whileItCannotBeReached_saysSo_andKeepsTheEntry() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        String id = submission(mickey).getAttribute("data-id");
        cutTheApi();

        deleteFromTheServer(mickey, true);

        WebElement status = browser.findElement(By.id("status"));
        waitUpTo(30).until(d -> "error".equals(status.getAttribute("data-kind")));
        assertThat(status.getText()).isEqualTo("Could not delete " + isolated("Mickey", "Mouse") + " from the server:"
                + " Could not reach the server. It is still there and still on this device; try again later.");
        assertThat(entryKeys()).containsExactly(mickey);
        assertThat(state(mickey)).isEqualTo("saved");
        assertThat(storedItem(id)).isNotEmpty();
    }

    @Test
    void theContentSecurityPolicy_isNeverViolated_whileTheAppRuns() {
        cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation',"
                + " (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));"));
        openApp();
        awaitServiceWorker();
        submit("   ", "Mouse");
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        browser.navigate().refresh(); // now from the service worker
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isEqualTo("saved");
        String donald = submitAndWait("Donald", "Duck");
        deleteFromTheServer(donald, true);
        waitUpTo(20).until(d -> !entryKeys().contains(donald));
        submission(minnie).findElement(By.cssSelector("[data-action=remove]")).click();
        browser.findElement(By.id("clear-finished")).click();
        waitUpTo(10).until(d -> "0".equals(d.findElement(By.id("submissions")).getAttribute("data-count")));

        // The listener does hear a violation: an image from another origin. Reported after everything above.
        js().executeScript("const img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png';"
                + "document.body.append(img);");
        waitUpTo(10).until(d -> !cspViolations().isEmpty());
        assertThat(cspViolations()).containsExactly("img-src http://127.0.0.1:9/x.png");
        // and Trusted Types are enforced: no HTML from a string
        assertThat(js().executeScript("try { document.createElement('div').innerHTML = '<b>x</b>'; return 'assigned'; }"
                + " catch (e) { return e.name; }")).isEqualTo("TypeError");
    }

    @SuppressWarnings("unchecked")
    private List<String> cspViolations() {
        return (List<String>) js().executeScript("return window.cspViolations;");
    }
}
