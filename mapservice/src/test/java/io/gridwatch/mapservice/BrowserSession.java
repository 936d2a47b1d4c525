package io.gridwatch.mapservice;

import io.gridwatch.store.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium (Debian's chromium + chromedriver from scripts/browser.sh, never
 * downloaded) pointed at a running map service: its own throw-away profile, SwiftShader for WebGL,
 * Chinese UI language, optional download folder, and the page helpers the browser tests share
 * (log-in form, waits, map clicks, screenshots, downloads).
 */
final class BrowserSession implements AutoCloseable {
  private final String base;
  private final ChromeDriver driver;
  private final Path profile;
  private final Path downloads;

  private BrowserSession(String base, ChromeDriver driver, Path profile, Path downloads) {
    this.base = base;
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
  }

  /** Starts Chromium with a window of the given size against the service at {@code base}. */
  static BrowserSession start(String base, int width, int height) throws IOException {
    return start(base, width, height, null);
  }

  /**
   * Starts Chromium as {@link #start(String, int, int)} does, saving downloads without a prompt
   * into target/{@code downloadsDir} (emptied first).
   */
  static BrowserSession startWithDownloads(String base, int width, int height, String downloadsDir)
      throws IOException {
    return start(base, width, height, Path.of("target", downloadsDir).toAbsolutePath());
  }

  private static BrowserSession start(String base, int width, int height, Path downloads)
      throws IOException {
    String chromium = browserScript();
    String chromedriver = browserScript("driver");
    System.setProperty("webdriver.chrome.driver", chromedriver);
    Path profile = Files.createTempDirectory("gridwatch-chromium-");
    try {
      ChromeOptions options = new ChromeOptions();
      if (downloads != null) {
        deleteTree(downloads);
        Files.createDirectories(downloads);
        options.setExperimentalOption(
            "prefs",
            Map.of(
                "download.default_directory",
                downloads.toString(),
                "download.prompt_for_download",
                false));
      }
      options.setBinary(chromium);
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--enable-unsafe-swiftshader",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic",
          "--disable-dev-shm-usage",
          "--window-size=" + width + "," + height,
          "--lang=zh-CN",
          "--user-data-dir=" + profile);
      ChromeDriverService driverService =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(Path.of(chromedriver).toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(driverService, options);
      try {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        if (downloads != null) {
          driver.executeCdpCommand(
              "Browser.setDownloadBehavior",
              Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        }
      } catch (RuntimeException e) {
        driver.quit();
        throw e;
      }
      return new BrowserSession(base, driver, profile, downloads);
    } catch (IOException | RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  /** The WebDriver of this session. */
  ChromeDriver driver() {
    return driver;
  }

  /** A wait that retries through page reloads (stale elements). */
  WebDriverWait await(int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Opens the page at {@code path} without a session (cookies of the origin dropped). */
  void openLoggedOut(String path) {
    driver.get(base + "/api/health");
    driver.manage().deleteAllCookies();
    driver.get(base + path);
  }

  /** Waits for the log-in form, fills it in and submits it. */
  void fillLogin(String user, String password) {
    await(20).until(d -> d.findElement(By.id("login")).isDisplayed());
    WebElement name = driver.findElement(By.id("login-user"));
    name.clear();
    name.sendKeys(user);
    WebElement pass = driver.findElement(By.id("login-password"));
    pass.clear();
    pass.sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
  }

  /** Waits until the page reports {@code user} as logged in. */
  void waitForUser(String user) {
    await(20).until(d -> user.equals(d.findElement(By.id("status")).getDomAttribute("data-user")));
  }

  /** Opens {@code path} logged out and logs in through the form with the test password. */
  void loginAs(String user, String path) {
    openLoggedOut(path);
    fillLogin(user, TestService.PASSWORD);
    waitForUser(user);
  }

  /** Runs a script in the page and returns its result. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The pointer moved onto the map's pixel at (lon, lat), not yet performed. */
  Actions pointerAt(double lon, double lat) {
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            js(
                "const p = window.gridwatch.map.project([arguments[0], arguments[1]]);"
                    + "const r = window.gridwatch.map.getCanvas().getBoundingClientRect();"
                    + "return [Math.round(r.left + p.x), Math.round(r.top + p.y)];",
                lon,
                lat);
    return new Actions(driver).moveToLocation(xy.get(0).intValue(), xy.get(1).intValue());
  }

  /** Clicks the map at (lon, lat). */
  void clickAt(double lon, double lat) {
    pointerAt(lon, lat).click().perform();
  }

  /** The bytes of a finished download (waits until Chromium has written it). */
  byte[] downloaded(String name) throws IOException {
    if (downloads == null) {
      throw new IllegalStateException("this session was started without a download folder");
    }
    Path file = downloads.resolve(name);
    await(30)
        .until(
            d ->
                Files.isRegularFile(file)
                    && !Files.exists(downloads.resolve(name + ".crdownload"))
                    && file.toFile().length() > 0);
    return Files.readAllBytes(file);
  }

  /** Saves a screenshot of the window as target/{@code name}. */
  void screenshot(String name) throws IOException {
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Quits Chromium and deletes its profile. */
  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String browserScript(String... args) throws IOException {
    Path root = LocalCluster.repoRoot();
    List<String> cmd =
        new ArrayList<>(List.of("bash", root.resolve("scripts/browser.sh").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (p.waitFor() != 0 || out.isEmpty()) {
        throw new IllegalStateException("scripts/browser.sh " + String.join(" ", args) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }
}
