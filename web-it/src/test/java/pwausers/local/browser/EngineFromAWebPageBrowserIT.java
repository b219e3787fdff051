package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.testing.HeadlessChromium;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A web page of another origin, in real headless Chromium, tries what any page the user opens could try against the
 * local DynamoDB engine: read the table and write to it. The engine must answer it nothing.
 */
class EngineFromAWebPageBrowserIT {
    /** A DynamoDB call as the AWS SDK for JavaScript makes it in a browser, with made-up credentials. */
    private static final String CALL = """
            const [endpoint, target, body, done] = arguments;
            fetch(endpoint, {method: 'POST', body: JSON.stringify(body), headers: {
                'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.' + target,
                'X-Amz-Date': '20260101T000000Z', 'Authorization': 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/'
                    + 'dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0'}})
              .then(r => r.text().then(t => done('answered ' + r.status + ' ' + t)))
              .catch(e => done('blocked: ' + e));
            """;

    private Dynalite engine;
    private HttpServer otherOrigin;
    private WebDriver browser;
    private String returnTo;

    @BeforeEach
    void start() throws IOException {
        HeadlessChromium.assumeInstalled();
        engine = Dynalite.start();
        LocalTables.ensureTable(engine.client(), SamTemplate.read(ProjectFiles.template()), PwaUsersTable.LOGICAL_ID,
                PwaUsersTable.DEFAULT_NAME);
        engine.client().putItem(r -> r.tableName(PwaUsersTable.DEFAULT_NAME).item(Map.of(
                PwaUsersTable.ID, AttributeValue.fromS("someone"), PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Private"))));
        otherOrigin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherOrigin.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>another site</title><p>hello".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherOrigin.start();
        browser = HeadlessChromium.shared();
        returnTo = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB); // a tab of this test's own, closed after it
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
            browser.switchTo().window(returnTo);
        }
        if (otherOrigin != null) {
            otherOrigin.stop(0);
        }
        if (engine != null) {
            engine.close();
        }
    }

    private String call(String target, Map<String, Object> body) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(CALL, engine.endpoint().toString(), target, body);
    }

    @Test
    void aPageOfAnotherOrigin_canNeitherScanNorWriteTheLocalTables() {
        browser.get("http://localhost:" + otherOrigin.getAddress().getPort() + "/");

        String scan = call("Scan", Map.of("TableName", PwaUsersTable.DEFAULT_NAME));
        String put = call("PutItem", Map.of("TableName", PwaUsersTable.DEFAULT_NAME,
                "Item", Map.of(PwaUsersTable.ID, Map.of("S", "written-by-a-page"))));

        assertThat(scan).startsWith("blocked").doesNotContain("Private");
        assertThat(put).startsWith("blocked");
        assertThat(engine.client().scan(r -> r.tableName(PwaUsersTable.DEFAULT_NAME).consistentRead(true)).items())
                .extracting(item -> item.get(PwaUsersTable.ID).s()).containsExactly("someone");
    }
}
