package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.browser.ApiProxy.Answer;

/**
 * The web app when the network or the API fails it: the service worker in control and an entry queued offline stored
 * once (under up's headers and under a proxy's), the page opening offline, two tabs (one closed while its request
 * hangs; a hung request not holding the other's), 429s and API Gateway's own 500 retried and said, edit and cancel
 * before sending, the offline banner, how long entries stay, and forgetting finished entries. The setup and the
 * helpers: {@link WebAppBrowserFixture}.
 */
class WebAppOfflineBrowserIT extends WebAppBrowserFixture {
    private static final Duration DAY = Duration.ofDays(1);
    /** Records every text the status region and the entries' sentences show (they may change faster than a poll). */
    private static final String RECORD_TEXTS = """
            window.textsSeen = new Set();
            new MutationObserver(() => {
                const status = document.getElementById('status');
                if (status) { window.textsSeen.add(status.textContent); }
                document.querySelectorAll('#submissions [data-role=message]').forEach((m) => window.textsSeen.add(m.textContent));
            }).observe(document, { subtree: true, childList: true, characterData: true });
            """;

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

    @SuppressWarnings("unchecked")
    private List<String> textsSeen() {
        return (List<String>) js().executeScript("return Array.from(window.textsSeen || []);");
    }

    private void recordTexts() {
        addPageScript(RECORD_TEXTS);
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

    /** The page is told it is back online (as the browser tells it), and sends what it holds now. */
    private void backOnline() {
        js().executeScript("window.dispatchEvent(new Event('online'));");
    }
}
