package dev.secupass.samples.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (its own profile, so its own cookies), driven through Debian's
 * system chromedriver: Selenium Manager never downloads anything. Saves screenshots under {@code
 * target/screenshots} and files under a download folder of its own, and records every address it
 * visits so tests can check that no secret ever appeared in one.
 */
public final class Browser implements AutoCloseable {
  /** Debian's Chromium, package {@code chromium}. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Debian's driver for it, package {@code chromium-driver}. */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final String origin;
  private final String name;
  private final Path downloads;
  private final Path screenshots;
  private final List<String> visited = new ArrayList<>();
  private int shots;

  /**
   * Starts a browser for {@code name} against {@code origin}.
   *
   * @throws AssertionError naming the Debian packages if Chromium or its driver is missing
   */
  public Browser(String name, String origin, Path scratch, Path screenshots) throws IOException {
    requireChromium();
    this.name = name;
    this.origin = origin;
    this.downloads = Files.createDirectories(scratch.resolve(name + "-downloads"));
    this.screenshots = Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createDirectories(scratch.resolve(name + "-profile")));
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "safebrowsing.enabled", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
        "downloadPath", downloads.toString()));
  }

  /** Fails with the packages to install when the system Chromium or its driver is missing. */
  public static void requireChromium() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the browser test needs Debian's headless Chromium and its driver at " + CHROMIUM
            + " and " + CHROMEDRIVER + ": install the packages 'chromium' and 'chromium-driver'"
            + " (apt-get install -y chromium chromium-driver)")
        .isTrue();
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the sample. */
  public void go(String path) {
    driver.get(origin + path);
    visited.add(driver.getCurrentUrl());
  }

  /** Waits for an element to be visible. */
  public WebElement see(By by) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the page's text contains {@code text}. */
  public void waitForText(String text) {
    waiting().until(d -> {
      try {
        return d.findElement(By.tagName("body")).getText().contains(text);
      } catch (WebDriverException pageReplaced) {
        // The page navigated while its body was read (a stale node); read the new one.
        return false;
      }
    });
    visited.add(driver.getCurrentUrl());
  }

  /** Waits until the address ends with {@code path}. */
  public void waitForPath(String pathPrefix) {
    waiting().until(d -> d.getCurrentUrl().startsWith(origin + pathPrefix));
    visited.add(driver.getCurrentUrl());
  }

  /** Types into a field. */
  public void type(By field, String text) {
    WebElement element = see(field);
    element.clear();
    element.sendKeys(text);
  }

  /** Clicks an element once it is visible. */
  public void click(By by) {
    see(by).click();
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** The current address, recorded. */
  public String currentUrl() {
    String url = driver.getCurrentUrl();
    visited.add(url);
    return url;
  }

  /**
   * Makes this browser send at most {@code bytesPerSecond} (Chromium's network emulation), so a
   * test can watch an upload's progress; 0 lifts the limit.
   */
  public void limitUploads(int bytesPerSecond) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
        "latency", 0, "downloadThroughput", -1,
        "uploadThroughput", bytesPerSecond > 0 ? bytesPerSecond : -1));
  }

  /** Saves a screenshot as {@code <name>-NN-<step>.png}. */
  public Path screenshot(String step) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(String.format("%s-%02d-%s.png", name, ++shots, step));
    try {
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Waits for a finished download of {@code fileName} and returns its path. */
  public Path downloaded(String fileName) {
    Path file = downloads.resolve(fileName);
    waiting().until(d -> Files.exists(file) && noPartialDownloads());
    return file;
  }

  /**
   * Whether a download of {@code fileName} completed under that name, watched for a few seconds
   * (for a download that must fail: an interrupted one keeps Chromium's partial name).
   */
  public boolean completedDownload(String fileName) {
    Path file = downloads.resolve(fileName);
    try {
      new WebDriverWait(driver, Duration.ofSeconds(3)).until(d -> Files.exists(file));
      return true;
    } catch (org.openqa.selenium.TimeoutException never) {
      return false;
    }
  }

  /** Every address this browser was at. */
  public List<String> visited() {
    return List.copyOf(visited);
  }

  /** A wait that retries while a navigation replaces the page under it. */
  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private boolean noPartialDownloads() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
