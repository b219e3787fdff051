package pwausers.local.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;

/**
 * Debian's Chromium headless shell, driven through its chromedriver (nothing downloads a browser): one browser for
 * every browser test class of the test JVM, started at first use and quit when the JVM exits; each test class works in
 * origins of its own.
 *
 * <p>The headless shell is Chromium's own headless browser ({@code chrome-headless-shell}, once {@code --headless=old}):
 * the same Blink, V8 and content layer as the chromium package of the same version (pages, service workers,
 * IndexedDB, Content-Security-Policy, DevTools), without the desktop browser's code in //chrome, which these tests do
 * not use: https://developer.chrome.com/docs/automation-and-testing/headless. It needs about 30 % less CPU for these
 * tests than {@code chromium --headless=new} (docs/testing.md).
 */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium-headless-shell");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver shared;

    private HeadlessChromium() {
    }

    /** Skips the test when they are not installed, except in CI, which installs them (.ci/run) and must run it. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(installed).as("Debian's chromium-headless-shell and chromium-driver are not installed: skipping the"
                    + " browser tests (apt-get install chromium-headless-shell chromium-driver)").isTrue();
        }
    }

    /**
     * The test JVM's browser (a 900 x 1100 window, a new profile under target/); its tabs are the
     * caller's to open and close; it is quit when the JVM exits.
     */
    public static synchronized WebDriver shared() {
        assumeInstalled();
        if (shared == null) {
            try {
                // a profile of this run's own, left in the build directory (nothing of an earlier run's origins)
                WebDriver browser = start(Files.createTempDirectory(Files.createDirectories(Path.of("target")),
                        "chromium-profile"));
                Runtime.getRuntime().addShutdownHook(new Thread(browser::quit, "quit-chromium"));
                shared = browser;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static WebDriver start(Path profileDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // chromedriver's name for the shell: it opens the first tab itself, which the shell does not
        options.setCapability(CapabilityType.BROWSER_NAME, "chrome-headless-shell");
        options.addArguments("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=900,1100", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
