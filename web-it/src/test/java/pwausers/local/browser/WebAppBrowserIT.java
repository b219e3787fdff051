package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.Routes;
import pwausers.function.testkit.NameCases;
import pwausers.function.testkit.NameCases.NameCase;
import pwausers.local.browser.ApiProxy.Answer;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.CdnResponseHeaders;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.HeadlessChromium;
import pwausers.local.testing.Http;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app in real, headless Chromium (Debian's chromium-headless-shell and chromedriver) against the local stack,
 * under the deployed response headers (template.yaml's, which up sends, and which a proxy in front of up sends as
 * CloudFront does): a person fills the form, goes offline, comes back, edits and cancels, uses two tabs; the API hangs,
 * throttles and fails; the name rules, the buttons, the live regions, the dialogs, how long entries stay, the
 * Content-Security-Policy, axe-core's accessibility rules and a keyboard-only run. A screenshot of the success state is
 * saved under target/screenshots/.
 *
 * <p>One stack and one proxy for the class, and the test JVM's one browser (tests run one at a time); each test has
 * its own origin (a {@link Relay} port of its own, in front of the stack or of the proxy), so its own storage and
 * service worker, cleared after it, in the browser's one tab, left blank and without the test's scripts after it (a
 * tab for each test cost a renderer process each); it cuts its relay to take the API away, and counts only what it
 * wrote.
 * Tests drive the page through its DOM, and import its own modules where they need to read its storage or run its
 * checks.
 */
class WebAppBrowserIT {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Path AXE = ProjectFiles.root().resolve("web-it/node_modules/axe-core/axe.min.js");
    /** Records every text the status region and the entries' sentences show (they may change faster than a poll). */
    private static final String RECORD_TEXTS = """
            window.textsSeen = new Set();
            new MutationObserver(() => {
                const status = document.getElementById('status');
                if (status) { window.textsSeen.add(status.textContent); }
                document.querySelectorAll('#submissions [data-role=message]').forEach((m) => window.textsSeen.add(m.textContent));
            }).observe(document, { subtree: true, childList: true, characterData: true });
            """;

    /** The longest pause between two checks of a wait, for what no DOM change announces (a proxy's count, a variable). */
    private static final Duration RECHECK_AT_MOST = Duration.ofMillis(250);
    /** Ends (calls back) at the page's next DOM change, or after arguments[0] ms. */
    private static final String PAGE_CHANGE = """
            const [atMost, done] = arguments;
            const observer = new MutationObserver(() => finish());
            const timer = setTimeout(() => finish(), atMost);
            function finish() { observer.disconnect(); clearTimeout(timer); done(); }
            observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            """;

    private static LocalStack stack;
    private static ApiProxy proxy;
    private static WebDriver browser;
    private Relay api;
    private int itemsBefore;
    /** The tab this test started in, and the scripts it added to its new documents (removed after the test). */
    private String ownTab;
    private final List<String> pageScripts = new ArrayList<>();

    @BeforeAll
    static void startTheStackAndTheBrowser() {
        HeadlessChromium.assumeInstalled();
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // the stage's throttle out of reach: the name cases are posted as fast as the page can
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, null, ProjectFiles.root().resolve("web"),
                LocalApi.THROTTLE_OUT_OF_REACH, console));
        proxy = new ApiProxy(stack.apiUrl());
        browser = HeadlessChromium.shared();
    }

    @AfterAll
    static void stopTheStack() {
        if (proxy != null) {
            proxy.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** An origin of this test's own, in front of the stack, for the browser's blank tab. */
    @BeforeEach
    void useOwnOrigin() {
        useOwnOrigin(stack.apiUrl().getPort());
        ownTab = browser.getWindowHandle();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        itemsBefore = items();
    }

    private void useOwnOrigin(int target) {
        if (api != null) {
            api.close();
        }
        api = new Relay(target);
    }

    /** This test's origin goes through the proxy (which adds the deployed headers itself and can make the API fail). */
    private void throughTheProxy() {
        useOwnOrigin(proxy.port());
    }

    /**
     * Leaves the browser and the stack as the test found them: one tab, blank, online, without this test's scripts; its
     * origin's storage and worker gone; the tables there.
     */
    @AfterEach
    void forgetOwnOrigin() {
        try {
            List<String> tabs = new ArrayList<>(browser.getWindowHandles());
            String kept = tabs.contains(ownTab) ? ownTab : tabs.get(0);
            for (String tab : tabs) {
                if (!tab.equals(kept)) {
                    browser.switchTo().window(tab).close();
                }
            }
            browser.switchTo().window(kept);
            if (kept.equals(ownTab)) {
                pageScripts.forEach(id -> cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id)));
            }
            browser.get("about:blank");
            cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0, "downloadThroughput", -1,
                    "uploadThroughput", -1));
            cdp("Storage.clearDataForOrigin", Map.of("origin", "http://localhost:" + api.port(), "storageTypes", "all"));
        } finally {
            api.close();
            proxy.release();
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

    // ---- Driving the page ------------------------------------------------------------------------------------------

    private String app() {
        return "http://localhost:" + api.port() + "/";
    }

    /**
     * A bounded poll on a condition of the page: checked at once, then again as soon as the page's DOM changes (a
     * MutationObserver in the page ends the pause between checks) or after {@link #RECHECK_AT_MOST}, whichever comes
     * first. A condition is seen a round trip after the change that makes it hold, and a long wait (a backoff) costs
     * a few checks a second: each check is several commands through chromedriver and the browser (checking every 50 ms
     * cost about half a core, measured with chromedriver alone).
     */
    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), RECHECK_AT_MOST, Clock.systemDefaultZone(),
                WebAppBrowserIT::untilThePageChanges);
    }

    /** The pause between two checks of a wait: until the page's DOM changes, or {@code atMost}. */
    private static void untilThePageChanges(Duration atMost) throws InterruptedException {
        try {
            ((JavascriptExecutor) browser).executeAsyncScript(PAGE_CHANGE, atMost.toMillis());
        } catch (WebDriverException e) {
            Thread.sleep(50); // the page went (a navigation, a closed tab) while it waited: check again shortly
        }
    }

    private static String html(String attribute) {
        return browser.findElement(By.tagName("html")).getAttribute(attribute);
    }

    private void openApp() {
        browser.get(app());
        waitUpTo(15).until(d -> "true".equals(html("data-ready")));
    }

    private void awaitServiceWorker() {
        waitUpTo(20).until(d -> "active".equals(html("data-sw")));
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void submit(String firstname, String lastname) {
        type("fname", firstname);
        type("lname", lastname);
        browser.findElement(By.id("submit")).click();
    }

    /** Submits the form and returns the new entry's Idempotency-Key once the entry is in the list. */
    private String submitAndFind(String firstname, String lastname) {
        List<String> before = entryKeys();
        submit(firstname, lastname);
        return waitUpTo(10).until(d -> entryKeys().stream().filter(k -> !before.contains(k)).findFirst().orElse(null));
    }

    /**
     * Submits the form and waits until its entry has had its answer: saved, refused or failed, or queued again after
     * an attempt (the API out of reach).
     */
    private String submitAndWait(String firstname, String lastname) {
        String key = submitAndFind(firstname, lastname);
        waitUpTo(40).until(d -> answered(key));
        return key;
    }

    /** Whether the entry has had an answer, read at one instant (its state and attempts change together). */
    private boolean answered(String key) {
        return (Boolean) js().executeScript("const li = document.querySelector(`#submissions > li[data-idempotency-key='${arguments[0]}']`);"
                + "return ['saved', 'refused', 'failed'].includes(li.dataset.state)"
                + " || (li.dataset.state === 'queued' && li.dataset.attempts !== '0');", key);
    }

    /** The Idempotency-Keys of the entries in the list, newest first, read at one instant. */
    @SuppressWarnings("unchecked")
    private List<String> entryKeys() {
        return (List<String>) js().executeScript(
                "return Array.from(document.querySelectorAll('#submissions > li'), (li) => li.dataset.idempotencyKey);");
    }

    private WebElement submission(String key) {
        return browser.findElement(By.cssSelector("#submissions > li[data-idempotency-key='" + key + "']"));
    }

    private String state(String key) {
        return submission(key).getAttribute("data-state");
    }

    private String text(String key, String role) {
        return submission(key).findElement(By.cssSelector("[data-role=" + role + "]")).getText();
    }

    private WebElement action(String key, String action) {
        return submission(key).findElement(By.cssSelector("[data-action=" + action + "]"));
    }

    private WebElement status() {
        return browser.findElement(By.id("status"));
    }

    /** Clicks the entry's "Delete from the server" and answers the confirmation dialog. */
    private void deleteFromTheServer(String key, boolean confirm) {
        action(key, "erase").click();
        answerDialog(confirm);
    }

    private void answerDialog(boolean confirm) {
        WebElement dialog = browser.findElement(By.id("confirm"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        browser.findElement(By.id(confirm ? "confirm-yes" : "confirm-no")).click();
        waitUpTo(10).until(d -> !dialog.isDisplayed());
    }

    /** The page is told it is back online (as the browser tells it), and sends what it holds now. */
    private void backOnline() {
        js().executeScript("window.dispatchEvent(new Event('online'));");
    }

    /** The browser's own offline mode for this tab (its service worker is not affected). */
    private void emulateOffline(boolean offline) {
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
    }

    /** Takes the API (and the page's files) away from this test's origin: the app is offline as far as it can tell. */
    private void cutTheApi() {
        api.cut();
    }

    /** Every later page load sees Date.now() moved on by this much (the queue's clock; the service worker's is not). */
    private void movePageClock(Duration ahead, String[] scriptId) {
        if (scriptId[0] != null) {
            cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId[0]));
            pageScripts.remove(scriptId[0]);
        }
        scriptId[0] = addPageScript(
                "(() => { const real = Date.now; Date.now = () => real.call(Date) + " + ahead.toMillis() + "; })();");
    }

    /** A script that every later document of this tab runs first, until the test ends; its identifier. */
    private String addPageScript(String source) {
        String id = (String) cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source)).get("identifier");
        pageScripts.add(id);
        return id;
    }

    /** The entries the page keeps (IndexedDB), oldest first, as "fname state", read with the page's storage.mjs. */
    @SuppressWarnings("unchecked")
    private List<String> storedEntries() {
        return (List<String>) js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('./storage.mjs').then((storage) => storage.openStore()).then((store) => store.all())"
                + ".then((all) => done(all.sort((a, b) => a.createdAt - b.createdAt).map((r) => r.fname + ' ' + r.state)),"
                + " (e) => done(['error ' + e]));");
    }

    /**
     * {@link #storedEntries()} once none is being sent: a page that opens, or waits out a backoff, with the API away
     * tries its queued entries again, and each attempt ends queued again within its timeout.
     */
    private List<String> storedEntriesAtRest() {
        return waitUpTo(30).until(d -> {
            List<String> entries = storedEntries();
            return entries.stream().anyMatch(entry -> entry.endsWith(" sending")) ? null : entries;
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> textsSeen() {
        return (List<String>) js().executeScript("return Array.from(window.textsSeen || []);");
    }

    private void recordTexts() {
        addPageScript(RECORD_TEXTS);
    }

    /** Whether focus is on something other than the page's body (and on something shown). */
    private boolean focusIsMeaningful() {
        return (Boolean) js().executeScript("const e = document.activeElement;"
                + "return !!e && e !== document.body && e.getClientRects().length > 0;");
    }

    // ---- The stack and the table -----------------------------------------------------------------------------------

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

    /** The users' table's item with this id; empty when there is none. */
    private Map<String, AttributeValue> storedItem(String id) {
        return stack.engine().client().getItem(b -> b.tableName(usersTable())
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
    }

    /** Both names as the page's sentences hold them: each isolated (FSI ... PDI) from the text around it. */
    private static String isolated(String firstname, String lastname) {
        return "\u2068" + firstname + "\u2069 \u2068" + lastname + "\u2069";
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return ((ChromeDriver) browser).executeCdpCommand(command, parameters);
    }

    // ---- Tests -----------------------------------------------------------------------------------------------------

    @Test
    void fillingInTheForm_storesTheEntry_andShowsItsId() throws IOException {
        openApp();

        String mickey = submitAndWait("Mickey", "Mouse");

        assertThat(state(mickey)).isEqualTo("saved");
        String id = submission(mickey).getAttribute("data-id");
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(text(mickey, "id")).isEqualTo(id);
        waitUpTo(10).until(d -> "success".equals(status().getAttribute("data-kind")));
        assertThat(status().getText()).isEqualTo("Successfully added user! " + isolated("Mickey", "Mouse")
                + " has id " + id + ".");
        Map<String, AttributeValue> item = storedItem(id);
        assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        assertThat(item.get(PwaUsersTable.LASTNAME).s()).isEqualTo("Mouse");

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("web-app-saved.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aBlankField_showsItsErrorBesideIt_beforeItsHint_andNothingIsWritten() {
        openApp();

        submit("   ", "Mouse");

        WebElement error = browser.findElement(By.id("fname-error"));
        waitUpTo(10).until(d -> error.isDisplayed() && !error.getText().isBlank());
        WebElement fname = browser.findElement(By.id("fname"));
        assertThat(fname.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(fname.getAttribute("aria-describedby")).startsWith("fname-error ");
        assertThat(status().getText()).isEqualTo("Not added: First name must not be blank.");
        assertThat(browser.switchTo().activeElement()).isEqualTo(fname);
        assertThat(itemsWritten()).isZero();
    }

    @Test
    void upSendsTheDeployedHeaders_onItsFiles_andOnTheApisAnswers() {
        CdnResponseHeaders cdn = CdnResponseHeaders.read(SamTemplate.read(ProjectFiles.template()));
        for (String path : List.of("/", "/sw.js", "/app.mjs", "/queue.mjs", "/pwausers/no-such-entry")) {
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(path)).GET());
            assertThat(cdn.forPath(path).headers()).as(path).isNotEmpty().allSatisfy(header ->
                    assertThat(answer.headers().allValues(header.name())).as(path + " " + header.name())
                            .containsExactly(header.value()));
        }
        assertThat(Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/app.mjs")).GET()).headers()
                .firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        // the app's unit tests are not part of it (nor deployed): refused as any missing file
        assertThat(Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/test/queue.test.mjs")).GET()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void underUpsHeaders_theServiceWorkerControlsThePage_andAnEntryQueuedOfflineIsStoredOnce() {
        offlineThenBack_storedOnce();
    }

    @Test
    void underAProxysHeaders_theServiceWorkerControlsThePage_andAnEntryQueuedOfflineIsStoredOnce() {
        throughTheProxy();
        offlineThenBack_storedOnce();
    }

    private void offlineThenBack_storedOnce() {
        openApp();
        awaitServiceWorker();
        assertThat(js().executeScript("return navigator.serviceWorker.controller.scriptURL;")).isEqualTo(app() + "sw.js");
        assertThat((String) js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('sw.js').then((r) => done(r.headers.get('Content-Security-Policy')), (e) => done(String(e)));"))
                .contains("require-trusted-types-for 'script'");
        cutTheApi();

        String key = submitAndWait("Minnie", "Mouse");
        assertThat(state(key)).isEqualTo("queued");

        api.restore();
        backOnline();
        waitUpTo(40).until(d -> "saved".equals(state(key)));

        assertThat(entryKeys()).containsExactly(key);
        assertThat(itemsWritten()).isEqualTo(1);
        assertThat(storedItem(submission(key).getAttribute("data-id")).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Minnie");
    }

    @Test
    void offline_thePageStillOpens_fromTheServiceWorker() {
        openApp();
        awaitServiceWorker();
        cutTheApi();

        browser.navigate().refresh();

        waitUpTo(15).until(d -> "true".equals(html("data-ready")));
        assertThat(browser.findElement(By.id("fname")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
    }

    @Test
    void twoTabs_anEntryWhoseTabClosedWhileSending_isSentByTheOtherTab_withoutAReload_once() {
        throughTheProxy();
        String tabA = browser.getWindowHandle();
        openApp();
        awaitServiceWorker();
        browser.switchTo().newWindow(WindowType.TAB);
        String tabB = browser.getWindowHandle();
        openApp();
        browser.switchTo().window(tabA);
        proxy.next(Answer.HOLD); // the API hangs
        String key = submitAndFind("Mickey", "Mouse");
        waitUpTo(20).until(d -> proxy.holding() == 1);

        browser.close(); // tab A goes while its request hangs
        browser.switchTo().window(tabB);
        waitUpTo(10).until(d -> entryKeys().contains(key));
        proxy.release(); // the API recovers

        // within the claim's lease (6 s without its sender) and one request: no reload, no user action
        waitUpTo(20).until(d -> "saved".equals(state(key)));
        assertThat(itemsWritten()).isEqualTo(1);
    }

    @Test
    void aHungRequestInOneTab_doesNotHoldAnotherTabsSubmission_andTypingSurvivesTheAnswer() {
        throughTheProxy();
        String tabA = browser.getWindowHandle();
        openApp();
        browser.switchTo().newWindow(WindowType.TAB);
        String tabB = browser.getWindowHandle();
        openApp();
        browser.switchTo().window(tabA);
        proxy.next(Answer.HOLD);
        String mickey = submitAndFind("Mickey", "Mouse");
        waitUpTo(20).until(d -> proxy.holding() == 1);
        assertThat(browser.findElement(By.id("fname")).getAttribute("value")).isEmpty(); // stored: it left the form
        browser.findElement(By.id("fname")).sendKeys("Min"); // the next entry, typed while the first is pending

        browser.switchTo().window(tabB);
        String donald = submitAndWait("Donald", "Duck");
        assertThat(state(donald)).isEqualTo("saved");
        assertThat(proxy.holding()).as("Mickey's request still hangs").isEqualTo(1);

        browser.switchTo().window(tabA);
        proxy.release();
        waitUpTo(20).until(d -> "saved".equals(state(mickey)));
        assertThat(browser.findElement(By.id("fname")).getAttribute("value")).isEqualTo("Min");
        assertThat(itemsWritten()).isEqualTo(2);
    }

    @Test
    void throttledAndGatewayErrors_areRetriedAutomatically_sayingSo_andStoredOnce() {
        throughTheProxy();
        recordTexts();
        openApp();
        proxy.next(Answer.tooManyRequests(2), Answer.gatewayInternalError(), Answer.tooManyRequests(null));

        String key = submitAndFind("Mickey", "Mouse");
        waitUpTo(60).until(d -> "saved".equals(state(key)));

        assertThat(submission(key).getAttribute("data-attempts")).isEqualTo("4");
        assertThat(textsSeen()).contains(
                "The server is receiving too many requests just now. It will be sent again in about 2 seconds, as the"
                        + " server asked.",
                "The server had a temporary problem (HTTP 500). It will be sent again automatically.",
                "The server is receiving too many requests just now. It will be sent again automatically.",
                "Not sent yet: " + isolated("Mickey", "Mouse") + ". The server is receiving too many requests just now."
                        + " It is kept on this device. It will be sent again in about 2 seconds, as the server asked.");
        assertThat(itemsWritten()).isEqualTo(1);
    }

    @Test
    void aQueuedEntry_canBeEditedOrCancelled_beforeItIsSent() {
        openApp();
        awaitServiceWorker();
        // this page alone (no worker to send in the background), and offline as the browser tells it
        js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.serviceWorker.getRegistration().then((r) => r.unregister()).then(done, done);");
        emulateOffline(true);
        String mickey = submitAndFind("Mickey", "Mous");
        String donald = submitAndFind("Donald", "Duck");
        assertThat(text(mickey, "message")).isEqualTo("Kept on this device. It will be sent when you are back online.");

        action(donald, "cancel").click();
        waitUpTo(10).until(d -> !entryKeys().contains(donald));
        assertThat(status().getText()).isEqualTo(isolated("Donald", "Duck")
                + " was cancelled: it was never sent, and this device has forgotten it.");
        assertThat(focusIsMeaningful()).isTrue();

        WebElement edit = action(mickey, "edit");
        assertThat(edit.getAccessibleName()).isEqualTo("Edit Mickey Mous");
        edit.click();
        WebElement dialog = browser.findElement(By.id("edit"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        assertThat(browser.findElement(By.id("edit-lname")).getAttribute("value")).isEqualTo("Mous");
        type("edit-lname", " ");
        browser.findElement(By.id("edit-save")).click();
        assertThat(browser.findElement(By.id("edit-lname-error")).getText()).isEqualTo("Last name must not be blank.");
        type("edit-lname", "Mouse");
        browser.findElement(By.id("edit-save")).click();
        waitUpTo(10).until(d -> !dialog.isDisplayed());
        waitUpTo(10).until(d -> text(mickey, "name").equals("Mickey Mouse"));

        emulateOffline(false);
        waitUpTo(40).until(d -> "saved".equals(state(mickey)));
        assertThat(entryKeys()).containsExactly(mickey);
        assertThat(storedItem(submission(mickey).getAttribute("data-id")).get(PwaUsersTable.LASTNAME).s())
                .isEqualTo("Mouse");
        assertThat(itemsWritten()).isEqualTo(1);
    }

    @Test
    void everySharedNameCase_getsTheSameAnswerFromThePageAsFromTheServer() {
        openApp();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        List<NameCase> cases = NameCases.all();

        // Each case through the page's own check (names.mjs, with the limits.json the page reads), in either field,
        // and posted as both names to the API as a browser posts it.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers = (List<Map<String, Object>>) js().executeAsyncScript("""
                const text = arguments[0];
                const done = arguments[arguments.length - 1];
                const names = JSON.parse(text).cases.map((c) => c.name.repeat(c.repeat || 1));
                (async () => {
                    const rules = await import('./names.mjs');
                    const limits = await (await fetch('limits.json')).json();
                    const answers = [];
                    for (const name of names) {
                        const fname = rules.checkName('fname', name, limits);
                        const lname = rules.checkName('lname', name, limits);
                        const response = await fetch('pwausers', { method: 'POST',
                            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fname: name, lname: name }) });
                        const body = await response.json();
                        answers.push({ fname, lname, status: response.status, field: body.Field || null, message: body.Message });
                    }
                    return answers;
                })().then(done, (e) => done(String(e)));
                """, NameCases.text());

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
                        .isEqualTo("First name " + nameCase.refused() + ".");
                softly.assertThat(answer.get("lname")).as(nameCase + ": the page, as last name")
                        .isEqualTo("Last name " + nameCase.refused() + ".");
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
        // A failure on the server's side: without the Idempotency-Keys' table, the function answers 500 with its
        // Reference and the entry offers "Try again" (nothing is claimed for its key, so the try after is answered).
        DynamoDbClient client = stack.engine().client();
        String keys = stack.values().tableName(IdempotencyTable.LOGICAL_ID);
        client.deleteTable(b -> b.tableName(keys));
        client.waiter().waitUntilTableNotExists(b -> b.tableName(keys));
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isEqualTo("failed");
        assertThat(submission(minnie).getAttribute("data-status")).isEqualTo("500");
        assertThat(submission(minnie).getAttribute("data-reference")).isNotBlank();

        WebElement tryAgain = action(minnie, "retry");
        assertThat(tryAgain.getAccessibleName()).isEqualTo("Try again to send Minnie Mouse");
        assertThat(tryAgain.getText()).isEqualTo("Try again");
        assertThat(action(minnie, "remove").getAccessibleName()).isEqualTo("Remove from this device: Minnie Mouse");
        WebElement removeMickey = action(mickey, "remove");
        assertThat(removeMickey.getAccessibleName()).isEqualTo("Remove from this device: Mickey Mouse");
        assertThat(removeMickey.getText()).isEqualTo("Remove from this device");
        assertThat(action(mickey, "retry").isDisplayed()).isFalse();

        ensureTables();
        tryAgain.click();
        assertThat(focusIsMeaningful()).as("focus after Try again hid itself").isTrue();
        waitUpTo(60).until(d -> "saved".equals(state(minnie)));
        removeMickey.click();
        waitUpTo(10).until(d -> entryKeys().equals(List.of(minnie)));
        assertThat(focusIsMeaningful()).as("focus after Remove").isTrue();

        assertThat(storedEntries()).containsExactly("Minnie saved");
        assertThat(storedItem(submission(minnie).getAttribute("data-id"))).isNotEmpty();
        assertThat(storedItem(mickeyId)).as("Remove forgets on this device only").isNotEmpty();
    }

    @Test
    void theOfflineBanner_isALiveRegion_thatSaysWhenTheBrowserGoesOfflineAndBack_andServerActionsWait() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        WebElement banner = browser.findElement(By.id("connection"));
        assertThat(banner.getAriaRole()).isEqualTo("status");
        assertThat(banner.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(banner.getText()).isEmpty();
        // there before anything is said (a live region must be in the accessibility tree when its text changes)
        assertThat(banner.getAttribute("hidden")).isNull();
        assertThat(js().executeScript("return getComputedStyle(arguments[0]).display;", banner)).isNotEqualTo("none");
        assertThat(action(mickey, "erase").isDisplayed()).isTrue();

        emulateOffline(true);
        waitUpTo(10).until(d -> "false".equals(banner.getAttribute("data-online")));
        assertThat(banner.getText()).startsWith("Offline: new entries are kept on this device");
        waitUpTo(10).until(d -> !action(mickey, "erase").isDisplayed());

        emulateOffline(false);
        waitUpTo(10).until(d -> "true".equals(banner.getAttribute("data-online")));
        assertThat(banner.getText()).isEqualTo("Back online.");
        assertThat(browser.findElement(By.id("connection"))).isEqualTo(banner); // the same region, its text changed
        waitUpTo(10).until(d -> action(mickey, "erase").isDisplayed());
    }

    @Test
    void finishedEntries_areForgottenSevenDaysAfterTheyFinished_whileQueuedOnesStay() {
        String[] clock = {null};
        openApp();
        assertThat(browser.findElement(By.cssSelector("[data-retention-days]")).getText()).isEqualTo("7");
        awaitServiceWorker();
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        cutTheApi();
        assertThat(state(submitAndWait("Minnie", "Mouse"))).isEqualTo("queued");

        movePageClock(DAY.multipliedBy(7).minusMinutes(1), clock);
        openApp();
        assertThat(storedEntriesAtRest()).containsExactly("Mickey saved", "Minnie queued");

        movePageClock(DAY.multipliedBy(7).plusMinutes(1), clock);
        openApp();
        assertThat(storedEntriesAtRest()).containsExactly("Minnie queued");
        assertThat(browser.findElement(By.id("submissions")).getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#submissions > li [data-role=name]")).getText())
                .isEqualTo("Minnie Mouse");
    }

    @Test
    void forgetFinishedEntries_asksBeforeDroppingWhatNeverReachedTheServer_andKeepsWhatIsStillToBeSent() {
        throughTheProxy();
        openApp();
        awaitServiceWorker();
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        proxy.next(new Answer(400, "{\"Message\":\"fname must not be blank\",\"Field\":\"fname\"}", Map.of()));
        String refused = submitAndWait("Donald", "Duck");
        assertThat(state(refused)).isEqualTo("refused");
        assertThat(text(refused, "message")).isEqualTo(
                "The server refused it: First name must not be blank. Edit it to correct it.");
        cutTheApi();
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isEqualTo("queued");

        WebElement forget = browser.findElement(By.id("clear-finished"));
        forget.click();
        WebElement dialog = browser.findElement(By.id("confirm"));
        waitUpTo(10).until(d -> dialog.isDisplayed()); // asked once the page has read what its store holds
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains(
                "1 entry was never saved on the server (" + isolated("Donald", "Duck") + ")");
        answerDialog(false);
        assertThat(entryKeys()).hasSize(3);
        assertThat(browser.switchTo().activeElement()).isEqualTo(forget);

        forget.click();
        answerDialog(true);
        waitUpTo(10).until(d -> "2 finished entries forgotten by this device.".equals(status().getText()));
        assertThat(entryKeys()).containsExactly(minnie);
        assertThat(focusIsMeaningful()).isTrue();
        assertThat(storedEntriesAtRest()).containsExactly("Minnie queued");
    }

    @Test
    void deleteFromTheServer_asksFirst_thenTheEntryIsGoneThereAndFromTheDevice() {
        openApp();
        String mickey = submitAndWait("Mickey", "Mouse");
        String mickeyId = submission(mickey).getAttribute("data-id");
        String donald = submitAndWait("Donald", "Duck");
        WebElement erase = action(mickey, "erase");
        assertThat(erase.getText()).isEqualTo("Delete from the server");
        assertThat(erase.getAccessibleName()).isEqualTo("Delete from the server: Mickey Mouse");
        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("present");

        deleteFromTheServer(mickey, false); // Cancel: nothing happens
        assertThat(entryKeys()).containsExactly(donald, mickey);
        assertThat(browser.switchTo().activeElement()).isEqualTo(action(mickey, "erase"));
        assertThat(entryRequest("GET", mickeyId).statusCode()).isEqualTo(200);

        action(mickey, "erase").click();
        WebElement dialog = browser.findElement(By.id("confirm"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        assertThat(dialog.getAriaRole()).isEqualTo("dialog");
        assertThat(dialog.getText()).contains("Delete from the server?",
                isolated("Mickey", "Mouse") + " will be deleted from the server");
        @SuppressWarnings("unchecked")
        List<Number> offCentre = (List<Number>) js().executeScript("const r = arguments[0].getBoundingClientRect();"
                + "const view = document.documentElement;"
                + "return [(r.left + r.right - view.clientWidth) / 2, (r.top + r.bottom - view.clientHeight) / 2];", dialog);
        assertThat(offCentre).as("the dialog's centre, from the window's (px)")
                .allSatisfy(px -> assertThat(Math.abs(px.doubleValue())).isLessThan(2));
        browser.findElement(By.id("confirm-yes")).click();

        waitUpTo(20).until(d -> entryKeys().equals(List.of(donald)));
        waitUpTo(10).until(d -> "success".equals(status().getAttribute("data-kind")));
        assertThat(status().getText()).isEqualTo(isolated("Mickey", "Mouse") + " was deleted from the server and from this device.");
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
        waitUpTo(20).until(d -> "true".equals(html("data-server-checked")));

        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("gone");
        assertThat(text(mickey, "state")).isEqualTo("No longer on the server");
        assertThat(action(mickey, "erase").isDisplayed()).isFalse();
        assertThat(action(mickey, "remove").isDisplayed()).isTrue();
        assertThat(submission(donald).getAttribute("data-server")).isEqualTo("present");
        assertThat(text(donald, "state")).isEqualTo("Saved");
        assertThat(action(donald, "erase").isDisplayed()).isTrue();

        // Opened again with the server out of reach: what the server said stays; what it cannot say now is said so.
        awaitServiceWorker();
        cutTheApi();
        openApp();
        waitUpTo(30).until(d -> "true".equals(html("data-server-checked")));
        assertThat(submission(mickey).getAttribute("data-server")).isEqualTo("gone");
        assertThat(submission(donald).getAttribute("data-server")).isEqualTo("unknown");
        assertThat(text(donald, "message")).isEqualTo(
                "Saved on the server. Whether it is still there could not be checked just now: Could not reach the server.");
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

        waitUpTo(30).until(d -> "error".equals(status().getAttribute("data-kind")));
        assertThat(status().getText()).isEqualTo("Could not delete " + isolated("Mickey", "Mouse") + " from the server:"
                + " Could not reach the server. It is still there and still on this device; try again later.");
        assertThat(entryKeys()).containsExactly(mickey);
        assertThat(state(mickey)).isEqualTo("saved");
        assertThat(storedItem(id)).isNotEmpty();
    }

    @Test
    void theContentSecurityPolicy_isNeverViolated_whileTheAppRuns() {
        addPageScript("window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation',"
                + " (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));");
        openApp();
        awaitServiceWorker();
        submit("   ", "Mouse");
        assertThat(state(submitAndWait("Mickey", "Mouse"))).isEqualTo("saved");
        browser.navigate().refresh(); // now from the service worker
        waitUpTo(15).until(d -> "true".equals(html("data-ready")));
        String minnie = submitAndWait("Minnie", "Mouse");
        assertThat(state(minnie)).isEqualTo("saved");
        String donald = submitAndWait("Donald", "Duck");
        deleteFromTheServer(donald, true);
        waitUpTo(20).until(d -> !entryKeys().contains(donald));
        action(minnie, "remove").click();
        browser.findElement(By.id("clear-finished")).click();
        waitUpTo(10).until(d -> "0".equals(d.findElement(By.id("submissions")).getAttribute("data-count")));

        // The listener does hear a violation: an image from another origin. Reported after everything above.
        js().executeScript("const img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png';"
                + "document.body.append(img);");
        waitUpTo(10).until(d -> !cspViolations().isEmpty());
        assertThat(cspViolations()).containsOnly("img-src http://127.0.0.1:9/x.png"); // once per policy: meta, header
        // and Trusted Types are enforced: no HTML from a string
        assertThat(js().executeScript("try { document.createElement('div').innerHTML = '<b>x</b>'; return 'assigned'; }"
                + " catch (e) { return e.name; }")).isEqualTo("TypeError");
    }

    @SuppressWarnings("unchecked")
    private List<String> cspViolations() {
        return (List<String>) js().executeScript("return window.cspViolations;");
    }

    @Test
    void axeCore_findsNoSeriousViolation_inAnyState_andAKeyboardRunNeverLeavesFocusOnTheBody() throws IOException {
        throughTheProxy();
        String axe = Files.readString(AXE);
        SoftAssertions softly = new SoftAssertions();
        openApp();
        softly.assertThat(axeViolations(axe)).as("empty").isEmpty();

        WebElement fname = browser.findElement(By.id("fname"));
        fname.sendKeys("Mickey");
        fname.sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("Mouse", Keys.ENTER); // submit with the keyboard
        waitUpTo(20).until(d -> "saved".equals(d.findElement(By.cssSelector("#submissions > li")).getAttribute("data-state")));
        String mickey = entryKeys().get(0);
        softly.assertThat(focusIsMeaningful()).as("focus after submit").isTrue();
        softly.assertThat(axeViolations(axe)).as("a saved entry").isEmpty();

        proxy.next(new Answer(500, "{\"Error\":\"The entry could not be saved\",\"Reference\":\"ref-1\"}", Map.of()),
                new Answer(400, "{\"Message\":\"lname must not be blank\",\"Field\":\"lname\"}", Map.of()));
        String minnie = submitAndWait("Minnie", "Mouse");
        String donald = submitAndWait("Donald", "Duck");
        softly.assertThat(state(minnie)).isEqualTo("failed");
        softly.assertThat(state(donald)).isEqualTo("refused");
        softly.assertThat(axeViolations(axe)).as("a failed and a refused entry").isEmpty();

        action(minnie, "retry").sendKeys(Keys.ENTER);
        waitUpTo(20).until(d -> "saved".equals(state(minnie)));
        softly.assertThat(focusIsMeaningful()).as("focus after Try again").isTrue();

        action(mickey, "erase").sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> d.findElement(By.id("confirm")).isDisplayed());
        softly.assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-no");
        softly.assertThat(axeViolations(axe)).as("the dialog open").isEmpty();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUpTo(10).until(d -> !d.findElement(By.id("confirm")).isDisplayed());
        softly.assertThat(focusIsMeaningful()).as("focus after the dialog was cancelled").isTrue();
        action(mickey, "erase").sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> d.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).sendKeys(Keys.ENTER);
        waitUpTo(20).until(d -> !entryKeys().contains(mickey));
        softly.assertThat(focusIsMeaningful()).as("focus after Delete").isTrue();

        action(donald, "edit").sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> d.findElement(By.id("edit")).isDisplayed());
        softly.assertThat(browser.findElement(By.id("edit-lname-error")).getText()).isEqualTo("Last name must not be blank.");
        softly.assertThat(axeViolations(axe)).as("the edit dialog open").isEmpty();
        browser.findElement(By.id("edit-cancel")).sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> !d.findElement(By.id("edit")).isDisplayed());

        action(minnie, "remove").sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> !entryKeys().contains(minnie));
        softly.assertThat(focusIsMeaningful()).as("focus after Remove").isTrue();

        emulateOffline(true);
        waitUpTo(10).until(d -> "false".equals(d.findElement(By.id("connection")).getAttribute("data-online")));
        softly.assertThat(axeViolations(axe)).as("offline").isEmpty();
        emulateOffline(false);

        browser.findElement(By.id("clear-finished")).sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> d.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> entryKeys().isEmpty());
        softly.assertThat(focusIsMeaningful()).as("focus after Forget").isTrue();
        softly.assertAll();
    }

    /** axe-core's serious and critical violations on the page as it is now, as "rule: target". */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations(String axe) {
        if (!(Boolean) js().executeScript("return typeof window.axe === 'object';")) {
            js().executeScript(axe);
        }
        return (List<String>) js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((results) => done(results.violations
                        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                        .flatMap((v) => v.nodes.map((node) => v.id + ': ' + node.target.join(' ')))),
                    (e) => done(['axe failed: ' + e]));
                """);
    }
}
