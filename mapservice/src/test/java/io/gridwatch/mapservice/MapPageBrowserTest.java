package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.store.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web map in real headless Chromium (Debian's chromium + chromedriver, never downloaded). */
class MapPageBrowserTest {
  private static TestService service;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start();
    String chromium = browserScript();
    String chromedriver = browserScript("driver");
    System.setProperty("webdriver.chrome.driver", chromedriver);
    profile = Files.createTempDirectory("gridwatch-chromium-");
    ChromeOptions options = new ChromeOptions();
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
        "--window-size=1280,800",
        "--lang=zh-CN",
        "--user-data-dir=" + profile);
    ChromeDriverService driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(chromedriver).toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(driverService, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      service.close();
      if (profile != null) {
        try (Stream<Path> files = Files.walk(profile)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  void mapRendersGridsAndFollowsTheMonthSelector() throws IOException {
    driver.get(service.base() + "/");
    Map<String, String> latest = waitForStatus("2025-04");
    assertThat(driver.getTitle()).isEqualTo("资阳高新区网格巡查覆盖图");
    assertThat(Integer.parseInt(latest.get("features"))).isEqualTo(3);
    assertThat(latest.get("coverageSum")).isEqualTo("1.7500"); // 1.0 + 0.75 + none
    assertThat(new Select(driver.findElement(By.id("month"))).getFirstSelectedOption().getText())
        .isEqualTo("2025-04");

    @SuppressWarnings("unchecked")
    List<String> rendered =
        (List<String>)
            js(
                "return [...new Set(window.gridwatch.map.queryRenderedFeatures({layers: ['grids-fill']})"
                    + ".map(f => f.properties.grid_id))].sort();");
    assertThat(rendered).containsExactly("G1", "G2", "G3");
    assertThat(driver.findElement(By.id("legend")).getText())
        .contains("100% 全覆盖")
        .contains("< 70%");
    assertThat(driver.findElement(By.id("summary")).getText()).contains("3 个网格").contains("92.9%");

    new Select(driver.findElement(By.id("month"))).selectByValue("2025-03");
    Map<String, String> march = waitForStatus("2025-03");
    assertThat(march.get("features")).isEqualTo("3");
    assertThat(march.get("coverageSum")).isEqualTo("1.1500"); // 0.9 + 0.25
    assertThat(march.get("fingerprint")).isNotEqualTo(latest.get("fingerprint"));

    // colours really differ: G1 is yellow-green (0.9) in March, green (1.0) in April
    clickGrid(104.609, 30.109);
    WebElement panel = driver.findElement(By.id("panel"));
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> panel.isDisplayed());
    assertThat(panel.getText())
        .contains("一号网格")
        .contains("企业网格")
        .contains("90.0%")
        .contains("W-G1")
        .contains("12");

    // back to April for the screenshot, hover a grid for the tooltip
    new Select(driver.findElement(By.id("month"))).selectByValue("2025-04");
    waitForStatus("2025-04");
    assertThat(panel.getText()).contains("100.0%");
    hover(104.629, 30.109);
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector(".maplibregl-popup-content")).isEmpty());
    assertThat(driver.findElement(By.cssSelector(".maplibregl-popup-content")).getText())
        .contains("二号网格")
        .contains("75.0%");
    screenshot("screenshot.png");

    driver.findElement(By.id("lang")).click();
    assertThat(driver.findElement(By.id("title")).getText()).contains("grid patrol coverage");
    assertThat(panel.getText()).contains("Enterprise grid").contains("Coverage");
    screenshot("screenshot-en.png");
    driver.findElement(By.id("lang")).click();
    assertThat(driver.getTitle()).isEqualTo("资阳高新区网格巡查覆盖图");
  }

  @Test
  void tileLayersFollowTheMonthSliderMetricAndPlay() throws IOException {
    driver.get(service.base() + "/?month=2025-04");
    Map<String, String> april = waitForStatus("2025-04", "coverage");
    // enterprises come from /tiles/enterprises (MVT): E1..E4, visited in April: E1, E2, E3
    assertThat(april.get("enterprises")).isEqualTo("4");
    assertThat(april.get("enterprisesVisited")).isEqualTo("3");
    @SuppressWarnings("unchecked")
    List<String> ids =
        (List<String>)
            js(
                "return [...new Set(window.gridwatch.map.queryRenderedFeatures({layers: ['enterprises']})"
                    + ".map(f => f.properties.enterprise_id))].sort();");
    assertThat(ids).containsExactly("E1", "E2", "E3", "E4");

    // the slider moves to March: E2's only March check-in was too far away
    js(
        "const s = document.getElementById('month-slider'); s.value = '0';"
            + " s.dispatchEvent(new Event('input'));");
    Map<String, String> march = waitForStatus("2025-03", "coverage");
    assertThat(march.get("enterprisesVisited")).isEqualTo("2");
    assertThat(new Select(driver.findElement(By.id("month"))).getFirstSelectedOption().getText())
        .isEqualTo("2025-03");

    new Select(driver.findElement(By.id("metric"))).selectByValue("density");
    waitForStatus("2025-03", "density");
    assertThat(driver.findElement(By.id("legend")).getText()).contains("巡查密度");
    Number hexPatrols =
        (Number)
            new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(
                    d ->
                        js(
                            "const seen = new Map();"
                                + " for (const f of window.gridwatch.map.queryRenderedFeatures({layers: ['density']}))"
                                + "   seen.set(f.properties.i + ',' + f.properties.j, f.properties.patrols);"
                                + " const n = [...seen.values()].reduce((a, b) => a + b, 0);"
                                + " return n > 0 ? n : null;"));
    assertThat(hexPatrols.intValue()).isEqualTo(3); // P1, P2, P3 in March
    screenshot("screenshot-density.png");

    new Select(driver.findElement(By.id("metric"))).selectByValue("awareness_rate");
    waitForStatus("2025-03", "awareness_rate");
    assertThat(driver.findElement(By.id("legend")).getText())
        .contains("群众知晓率")
        .contains("< 60% 不合格");

    // play from March steps to April (the last month) and stops
    WebElement play = driver.findElement(By.id("play"));
    assertThat(play.getText()).contains("播放");
    play.click();
    waitForStatus("2025-04", "awareness_rate");
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> "false".equals(play.getDomAttribute("aria-pressed")));
    assertThat(play.getText()).contains("播放");
    assertThat(driver.findElement(By.id("month-slider")).getDomProperty("value")).isEqualTo("1");
  }

  private Map<String, String> waitForStatus(String month, String metric) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d -> {
              WebElement s = d.findElement(By.id("status"));
              return metric.equals(s.getDomAttribute("data-metric"))
                  && "true".equals(s.getDomAttribute("data-ready"))
                  && month.equals(s.getDomAttribute("data-month"));
            });
    Map<String, String> out = new java.util.HashMap<>(waitForStatus(month));
    WebElement s = driver.findElement(By.id("status"));
    out.put("enterprises", String.valueOf(s.getDomAttribute("data-enterprises")));
    out.put("enterprisesVisited", String.valueOf(s.getDomAttribute("data-enterprises-visited")));
    return out;
  }

  private Map<String, String> waitForStatus(String month) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d -> {
              WebElement s = d.findElement(By.id("status"));
              return "true".equals(s.getDomAttribute("data-ready"))
                  && month.equals(s.getDomAttribute("data-month"))
                  && Integer.parseInt(s.getDomAttribute("data-features")) > 0;
            });
    WebElement s = driver.findElement(By.id("status"));
    return Map.of(
        "features", s.getDomAttribute("data-features"),
        "coverageSum", s.getDomAttribute("data-coverage-sum"),
        "fingerprint", s.getDomAttribute("data-fingerprint"));
  }

  private void clickGrid(double lon, double lat) {
    pointerAt(lon, lat).click().perform();
  }

  private void hover(double lon, double lat) {
    pointerAt(lon, lat).perform();
  }

  private Actions pointerAt(double lon, double lat) {
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

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void screenshot(String name) throws IOException {
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String browserScript(String... args) throws IOException {
    Path root = LocalCluster.repoRoot();
    List<String> cmd =
        new java.util.ArrayList<>(List.of("bash", root.resolve("scripts/browser.sh").toString()));
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
