package tandem.emotion.explain;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} driven through its {@code chromedriver} (both installed by .ci/run), headless, with a fresh
 * profile and every background request of the browser itself turned off, so that the only requests it makes are the
 * page's. Outside CI a test skips with a reason when either is missing; with {@code CI=true} it fails instead.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"),
            DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    public final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips the calling test (fails it under CI=true) when Chromium or its driver is absent. */
    public static HeadlessChromium startOrSkip() throws IOException {
        Optional<Path> browser = first(BROWSERS), chromedriver = first(DRIVERS);
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String why = "headless Chromium is not installed (need " + (browser.isEmpty() ? "chromium " : "") + (chromedriver.isEmpty() ? "chromium-driver" : "")
                    + "; apt-get install chromium chromium-driver, as .ci/run does)";
            if ("true".equals(System.getenv("CI"))) Assertions.fail("CI=true: " + why);
            Assumptions.abort(why);
        }
        Path profile = Files.createTempDirectory("tandem-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1300,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);   // the DevTools network events: every request the page makes
        logs.enable(LogType.BROWSER, Level.ALL);       // the console: script errors, refused requests
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /** One request from the DevTools network events: the document that made it and the URL it asked for. */
    public record Request(String document, String url) {}

    /**
     * Every request logged so far, from any tab: the browser's own start page (opened before the test navigates) makes
     * chrome:// requests of its own, so a test tells them apart by {@link Request#document}.
     */
    public List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = JsonParser.parseString(e.getMessage()).getAsJsonObject().getAsJsonObject("message");
            if (message.get("method").getAsString().equals("Network.requestWillBeSent")) {
                JsonObject params = message.getAsJsonObject("params");
                String document = params.has("documentURL") ? params.get("documentURL").getAsString() : "";
                out.add(new Request(document, params.getAsJsonObject("request").get("url").getAsString()));
            }
        }
        return out;
    }

    /**
     * Asserts that the page at {@code self} made no request but for itself and inline data, that nothing anywhere went
     * to the network, and that its console holds no error.
     */
    public void assertNothingLeftThePage(String self) {
        List<String> console = console();
        Assertions.assertTrue(console.stream().noneMatch(l -> l.startsWith("SEVERE") || l.contains("Refused")), "console: " + console);
        List<Request> requests = requests();
        Assertions.assertTrue(requests.stream().anyMatch(r -> r.url().equals(self)), "the network log works: it saw the page itself: " + requests);
        List<Request> left = requests.stream().filter(r -> r.document().equals(self) && !r.url().equals(self) && !r.url().startsWith("data:")
                || r.url().matches("(?i)^(https?|wss?|ftp):.*")).toList();
        Assertions.assertEquals(List.of(), left, "no request left the page, and none went to the network");
        Assertions.assertEquals(List.of(), driver.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"), "no resource fetched");
        Assertions.assertEquals(List.of(), driver.executeScript("return window.__pageErrors"), "no script error");
    }

    /** The console's messages so far. */
    public List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) out.add(e.getLevel() + " " + e.getMessage());
        return out;
    }

    public void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Optional<Path> first(List<String> paths) {
        return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
