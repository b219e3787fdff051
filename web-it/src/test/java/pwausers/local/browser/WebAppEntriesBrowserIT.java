package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.Routes;
import pwausers.function.testkit.NameCases;
import pwausers.function.testkit.NameCases.NameCase;
import pwausers.local.browser.ApiProxy.Answer;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.CdnResponseHeaders;
import pwausers.local.testing.Http;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app's form and entries: submit and see the id (a screenshot of the success state is saved under
 * target/screenshots/), a blank field, up's deployed headers, the shared name cases and names that show nothing or
 * something else, Try again and Remove, delete from the server (asking first; deleted elsewhere; out of reach), the
 * Content-Security-Policy and Trusted Types never violated, axe-core's accessibility rules and a keyboard-only run.
 * The setup and the helpers: {@link WebAppBrowserFixture}.
 */
class WebAppEntriesBrowserIT extends WebAppBrowserFixture {
    private static final Path AXE = ProjectFiles.root().resolve("web-it/node_modules/axe-core/axe.min.js");

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

    /** GET or DELETE /pwausers/{id} straight to the stack, as another client of the API would send it. */
    private static HttpResponse<String> entryRequest(String method, String id) {
        return Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(Routes.RESOURCE_PATH + "/" + id))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Clicks the entry's "Delete from the server" and answers the confirmation dialog. */
    private void deleteFromTheServer(String key, boolean confirm) {
        action(key, "erase").click();
        answerDialog(confirm);
    }
}
