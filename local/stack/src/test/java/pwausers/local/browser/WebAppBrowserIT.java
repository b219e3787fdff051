package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The web app in real, headless Chromium (Debian's chromium and chromedriver) against the local stack: a person
 * fills the form, goes offline, comes back. A screenshot of the success state is saved under target/screenshots/.
 */
class WebAppBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;
    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private LocalStack stack;
    private int apiPort;
    private int lambdaPort;
    private int dynamodbPort;
    private WebDriver browser;

    @BeforeEach
    void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) { // CI installs them (.ci/run) and must run these tests
            assumeThat(installed).as("Debian's chromium and chromium-driver are not installed: skipping the browser tests"
                    + " (apt-get install chromium chromium-driver)").isTrue();
        }
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, tmp.resolve("data"), ProjectFiles.root().resolve("web"),
                Map.of(), console));
        apiPort = stack.apiUrl().getPort();
        lambdaPort = stack.lambdaUrl().getPort();
        dynamodbPort = stack.dynamodbEndpoint().getPort();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=900,1100", "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private String app() {
        return "http://localhost:" + apiPort + "/";
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

    private WebElement newestSubmission() {
        return browser.findElement(By.cssSelector("#submissions > li"));
    }

    private String newestState() {
        return browser.findElements(By.cssSelector("#submissions > li")).isEmpty() ? null
                : newestSubmission().getAttribute("data-state");
    }

    private int items() {
        return stack.engine().client().scan(b -> b.tableName("PwaUsers")).count();
    }

    @Test
    void fillingInTheForm_storesTheEntry_andShowsItsId() throws IOException {
        openApp();

        submit("Mickey", "Mouse");

        waitUpTo(20).until(d -> "saved".equals(newestState()));
        String id = newestSubmission().getAttribute("data-id");
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(newestSubmission().findElement(By.cssSelector("[data-role=id]")).getText()).isEqualTo(id);
        assertThat(browser.findElement(By.id("status")).getText()).contains("Successfully added user!");
        Map<String, AttributeValue> item = stack.engine().client().getItem(b -> b.tableName("PwaUsers")
                .key(Map.of("PwaUserID", AttributeValue.fromS(id)))).item();
        assertThat(item.get("Firstname").s()).isEqualTo("Mickey");
        assertThat(item.get("Lastname").s()).isEqualTo("Mouse");

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
        assertThat(items()).isZero();
    }

    @Test
    void offline_theSubmissionIsQueued_thenSavedOnceWhenTheApiIsBack() {
        openApp();
        waitUpTo(20).until(d -> "active".equals(d.findElement(By.tagName("html")).getAttribute("data-sw")));
        Path data = tmp.resolve("data");
        stack.close(); // the API is unreachable: the browser is offline as far as this app can tell
        stack = null;

        submit("Minnie", "Mouse");
        waitUpTo(20).until(d -> "queued".equals(newestState()) || "sending".equals(newestState()));
        String key = newestSubmission().getAttribute("data-idempotency-key");
        assertThat(key).isNotBlank();

        stack = LocalStack.start(new LocalStack.Options(apiPort, lambdaPort, dynamodbPort, data,
                ProjectFiles.root().resolve("web"), Map.of(), console));
        ((JavascriptExecutor) browser).executeScript("window.pwaUsers.flush()");
        waitUpTo(60).until(d -> "saved".equals(newestState()));

        assertThat(newestSubmission().getAttribute("data-idempotency-key")).isEqualTo(key);
        assertThat(items()).isEqualTo(1);
        assertThat(stack.engine().client().scan(b -> b.tableName("PwaUsers")).items().get(0).get("Firstname").s())
                .isEqualTo("Minnie");
    }

    @Test
    void offline_thePageStillOpens_fromTheServiceWorker() {
        openApp();
        waitUpTo(20).until(d -> "active".equals(d.findElement(By.tagName("html")).getAttribute("data-sw")));
        stack.close();
        stack = null;

        browser.navigate().refresh();

        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("fname")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
    }
}
