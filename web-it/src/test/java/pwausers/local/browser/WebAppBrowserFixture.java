package pwausers.local.browser;


import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.HeadlessChromium;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app in real, headless Chromium (Debian's chromium-headless-shell and chromedriver) against the local stack,
 * under the deployed response headers (template.yaml's, which up sends, and which a proxy in front of up sends as
 * CloudFront does): the setup and the page-driving helpers of its two test classes, {@link WebAppOfflineBrowserIT}
 * and {@link WebAppEntriesBrowserIT}.
 *
 * <p>One stack and one proxy for each class, and the test JVM's one browser (tests run one at a time); each test has
 * its own origin (a {@link Relay} port of its own, in front of the stack or of the proxy), so its own storage and
 * service worker, cleared after it, in the browser's one tab, left blank and without the test's scripts after it (a
 * tab for each test cost a renderer process each); it cuts its relay to take the API away, and counts only what it
 * wrote. Failsafe runs the two classes at once in two test JVMs (web-it's pom): each with its own stack (on free
 * ports, an in-memory engine), proxy and browser (its own profile), so that no test shares the proxy's planned answers,
 * the users' table it counts or the Idempotency-Keys table one of them takes away with a test running beside it.
 * Tests drive the page through its DOM, and import its own modules where they need to read its storage or run its
 * checks.
 */
abstract class WebAppBrowserFixture {
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

    static LocalStack stack;
    static ApiProxy proxy;
    static WebDriver browser;
    Relay api;
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
    void throughTheProxy() {
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
    static void ensureTables() {
        SamTemplate template = stack.values().template();
        for (String table : template.logicalIdsOfType("AWS::DynamoDB::Table")) {
            LocalTables.ensureTable(stack.engine().client(), template, table, stack.values().tableName(table));
        }
    }

    // ---- Driving the page ------------------------------------------------------------------------------------------

    String app() {
        return "http://localhost:" + api.port() + "/";
    }

    /**
     * A bounded poll on a condition of the page: checked at once, then again as soon as the page's DOM changes (a
     * MutationObserver in the page ends the pause between checks) or after {@link #RECHECK_AT_MOST}, whichever comes
     * first. A condition is seen a round trip after the change that makes it hold, and a long wait (a backoff) costs
     * a few checks a second: each check is several commands through chromedriver and the browser (checking every 50 ms
     * cost about half a core, measured with chromedriver alone).
     */
    static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), RECHECK_AT_MOST, Clock.systemDefaultZone(),
                WebAppBrowserFixture::untilThePageChanges);
    }

    /** The pause between two checks of a wait: until the page's DOM changes, or {@code atMost}. */
    private static void untilThePageChanges(Duration atMost) throws InterruptedException {
        try {
            ((JavascriptExecutor) browser).executeAsyncScript(PAGE_CHANGE, atMost.toMillis());
        } catch (WebDriverException e) {
            Thread.sleep(50); // the page went (a navigation, a closed tab) while it waited: check again shortly
        }
    }

    static String html(String attribute) {
        return browser.findElement(By.tagName("html")).getAttribute(attribute);
    }

    void openApp() {
        browser.get(app());
        waitUpTo(15).until(d -> "true".equals(html("data-ready")));
    }

    void awaitServiceWorker() {
        waitUpTo(20).until(d -> "active".equals(html("data-sw")));
    }

    static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    void submit(String firstname, String lastname) {
        type("fname", firstname);
        type("lname", lastname);
        browser.findElement(By.id("submit")).click();
    }

    /** Submits the form and returns the new entry's Idempotency-Key once the entry is in the list. */
    String submitAndFind(String firstname, String lastname) {
        List<String> before = entryKeys();
        submit(firstname, lastname);
        return waitUpTo(10).until(d -> entryKeys().stream().filter(k -> !before.contains(k)).findFirst().orElse(null));
    }

    /**
     * Submits the form and waits until its entry has had its answer: saved, refused or failed, or queued again after
     * an attempt (the API out of reach).
     */
    String submitAndWait(String firstname, String lastname) {
        String key = submitAndFind(firstname, lastname);
        waitUpTo(40).until(d -> answered(key));
        return key;
    }

    /** Whether the entry has had an answer, read at one instant (its state and attempts change together). */
    boolean answered(String key) {
        return (Boolean) js().executeScript("const li = document.querySelector(`#submissions > li[data-idempotency-key='${arguments[0]}']`);"
                + "return ['saved', 'refused', 'failed'].includes(li.dataset.state)"
                + " || (li.dataset.state === 'queued' && li.dataset.attempts !== '0');", key);
    }

    /** The Idempotency-Keys of the entries in the list, newest first, read at one instant. */
    @SuppressWarnings("unchecked")
    List<String> entryKeys() {
        return (List<String>) js().executeScript(
                "return Array.from(document.querySelectorAll('#submissions > li'), (li) => li.dataset.idempotencyKey);");
    }

    WebElement submission(String key) {
        return browser.findElement(By.cssSelector("#submissions > li[data-idempotency-key='" + key + "']"));
    }

    String state(String key) {
        return submission(key).getAttribute("data-state");
    }

    String text(String key, String role) {
        return submission(key).findElement(By.cssSelector("[data-role=" + role + "]")).getText();
    }

    WebElement action(String key, String action) {
        return submission(key).findElement(By.cssSelector("[data-action=" + action + "]"));
    }

    WebElement status() {
        return browser.findElement(By.id("status"));
    }

    void answerDialog(boolean confirm) {
        WebElement dialog = browser.findElement(By.id("confirm"));
        waitUpTo(10).until(d -> dialog.isDisplayed());
        browser.findElement(By.id(confirm ? "confirm-yes" : "confirm-no")).click();
        waitUpTo(10).until(d -> !dialog.isDisplayed());
    }

    /** The browser's own offline mode for this tab (its service worker is not affected). */
    void emulateOffline(boolean offline) {
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0, "downloadThroughput", -1,
                "uploadThroughput", -1));
    }

    /** Takes the API (and the page's files) away from this test's origin: the app is offline as far as it can tell. */
    void cutTheApi() {
        api.cut();
    }

    /** Every later page load sees Date.now() moved on by this much (the queue's clock; the service worker's is not). */
    void movePageClock(Duration ahead, String[] scriptId) {
        if (scriptId[0] != null) {
            cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId[0]));
            pageScripts.remove(scriptId[0]);
        }
        scriptId[0] = addPageScript(
                "(() => { const real = Date.now; Date.now = () => real.call(Date) + " + ahead.toMillis() + "; })();");
    }

    /** A script that every later document of this tab runs first, until the test ends; its identifier. */
    String addPageScript(String source) {
        String id = (String) cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source)).get("identifier");
        pageScripts.add(id);
        return id;
    }

    /** The entries the page keeps (IndexedDB), oldest first, as "fname state", read with the page's storage.mjs. */
    @SuppressWarnings("unchecked")
    List<String> storedEntries() {
        return (List<String>) js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('./storage.mjs').then((storage) => storage.openStore()).then((store) => store.all())"
                + ".then((all) => done(all.sort((a, b) => a.createdAt - b.createdAt).map((r) => r.fname + ' ' + r.state)),"
                + " (e) => done(['error ' + e]));");
    }

    /** Whether focus is on something other than the page's body (and on something shown). */
    boolean focusIsMeaningful() {
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

    /** Items this test wrote (the stack is its class's, whose tests run one at a time). */
    int itemsWritten() {
        return items() - itemsBefore;
    }

    /** The users' table's item with this id; empty when there is none. */
    Map<String, AttributeValue> storedItem(String id) {
        return stack.engine().client().getItem(b -> b.tableName(usersTable())
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
    }

    /** Both names as the page's sentences hold them: each isolated (FSI ... PDI) from the text around it. */
    static String isolated(String firstname, String lastname) {
        return "\u2068" + firstname + "\u2069 \u2068" + lastname + "\u2069";
    }

    JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return ((ChromeDriver) browser).executeCdpCommand(command, parameters);
    }
}
