package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web page in real headless Chromium (Debian's chromium + chromedriver, never downloaded):
 * log-in through the form, the map, the grid panel with the worker's deductions, the quarter
 * ranking against /api/rankings, the trends chart, downloads (XLSX, CSV, GeoJSON) and a town user's
 * scope.
 */
class MapPageBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestService service;
  private static BrowserSession browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start();
    browser = BrowserSession.startWithDownloads(service.base(), 1280, 800, "browser-downloads");
    driver = browser.driver();
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      service.close();
    }
  }

  @Test
  void theLogInFormRejectsAWrongPasswordAndLetsTheRightOneIn() throws IOException {
    browser.openLoggedOut("/");
    WebElement form = driver.findElement(By.id("login"));
    browser.await(10).until(d -> form.isDisplayed());
    assertThat(driver.getTitle()).isEqualTo("资阳高新区网格巡查覆盖图");
    assertThat(form.getText()).contains("登录").contains("用户名").contains("密码");
    // nothing of the data views before the log-in
    assertThat(driver.findElement(By.id("logout")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("map-toolbar")).isDisplayed()).isFalse();
    assertThat(status("user")).isEmpty();
    browser.screenshot("screenshot-login.png");

    browser.fillLogin("bureau", "wrong-password");
    WebElement error = driver.findElement(By.id("login-error"));
    browser.await(10).until(d -> error.isDisplayed());
    assertThat(error.getText()).isEqualTo("用户名或密码错误。");
    assertThat(form.isDisplayed()).isTrue();
    assertThat(status("user")).isEmpty();
    assertThat(driver.findElement(By.id("login-password")).getDomProperty("value")).isEmpty();
    browser.screenshot("screenshot-login-error.png");

    driver.findElement(By.id("lang")).click();
    assertThat(form.getText()).contains("User name").contains("Password");
    assertThat(error.getText()).isEqualTo("Wrong user name or password.");
    driver.findElement(By.id("lang")).click();
    assertThat(error.getText()).isEqualTo("用户名或密码错误。");

    browser.fillLogin("bureau", TestService.PASSWORD);
    browser.waitForUser("bureau");
    assertThat(form.isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("user")).getText()).contains("bureau").contains("区应急局");
    assertThat(driver.findElement(By.id("logout")).getText()).isEqualTo("退出");
    assertThat(waitForStatus("2025-04").get("features")).isEqualTo("3");
  }

  @Test
  void mapRendersGridsAndFollowsTheMonthSelector() throws IOException {
    browser.loginAs("bureau", "/");
    Map<String, String> latest = waitForStatus("2025-04");
    assertThat(driver.getTitle()).isEqualTo("资阳高新区网格巡查覆盖图");
    assertThat(Integer.parseInt(latest.get("features"))).isEqualTo(3);
    assertThat(latest.get("coverageSum")).isEqualTo("1.7500"); // 1.0 + 0.75 + none
    assertThat(new Select(driver.findElement(By.id("month"))).getFirstSelectedOption().getText())
        .isEqualTo("2025-04");

    @SuppressWarnings("unchecked")
    List<String> rendered =
        (List<String>)
            browser.js(
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
    browser.clickAt(104.609, 30.109);
    WebElement panel = driver.findElement(By.id("panel"));
    browser.await(10).until(d -> panel.isDisplayed());
    assertThat(panel.getText())
        .contains("一号网格")
        .contains("企业网格")
        .contains("90.0%")
        .contains("W-G1")
        .contains("12");
    // W-G1's March result: 85 points, 合格, −10 for full coverage missed (evidence E2)
    waitForAssessment("W-G1", "2025-03", "ready");
    WebElement deduction =
        driver.findElement(By.cssSelector("#assessment #deductions li[data-rule='full_coverage']"));
    assertThat(deduction.getDomAttribute("data-points")).isEqualTo("-10");
    assertThat(deduction.getDomAttribute("data-evidence")).isEqualTo("E2");
    assertThat(deduction.getText())
        .contains("未全覆盖 full coverage missed")
        .contains("−10")
        .contains("证据: E2");
    assertThat(driver.findElements(By.cssSelector("#deductions li[data-rule]"))).hasSize(1);
    WebElement assessment = driver.findElement(By.id("assessment"));
    assertThat(assessment.getText()).contains("2025-03 考核结果").contains("扣分明细");
    assertThat(assessment.findElement(By.cssSelector("tr[data-field='total'] td")).getText())
        .isEqualTo("85.00");
    assertThat(assessment.findElement(By.cssSelector("tr[data-field='grade'] td")).getText())
        .isEqualTo("合格");
    browser.screenshot("screenshot-panel.png");

    // back to April for the screenshot, hover a grid for the tooltip
    new Select(driver.findElement(By.id("month"))).selectByValue("2025-04");
    waitForStatus("2025-04");
    assertThat(panel.getText()).contains("100.0%");
    waitForAssessment("W-G1", "2025-04", "ready");
    assertThat(driver.findElement(By.id("assessment")).getText())
        .contains("96.00")
        .contains("优秀")
        .contains("无扣分");
    assertThat(driver.findElements(By.cssSelector("#deductions li[data-rule]"))).isEmpty();
    hover(104.629, 30.109);
    browser
        .await(10)
        .until(d -> !d.findElements(By.cssSelector(".maplibregl-popup-content")).isEmpty());
    assertThat(driver.findElement(By.cssSelector(".maplibregl-popup-content")).getText())
        .contains("二号网格")
        .contains("75.0%");
    browser.screenshot("screenshot.png");

    driver.findElement(By.id("lang")).click();
    assertThat(driver.findElement(By.id("title")).getText()).contains("grid patrol coverage");
    assertThat(panel.getText())
        .contains("Enterprise grid")
        .contains("Coverage")
        .contains("Assessment 2025-04")
        .contains("Excellent");
    browser.screenshot("screenshot-en.png");
    driver.findElement(By.id("lang")).click();
    assertThat(driver.getTitle()).isEqualTo("资阳高新区网格巡查覆盖图");

    // the month's grids as a GeoJSON file, built in the page
    driver.findElement(By.id("export-geojson")).click();
    JsonNode geojson = JSON.readTree(browser.downloaded("grids-2025-04.geojson"));
    assertThat(geojson.get("type").asText()).isEqualTo("FeatureCollection");
    List<String> ids = new ArrayList<>();
    geojson.get("features").forEach(f -> ids.add(f.at("/properties/grid_id").asText()));
    assertThat(ids).containsExactlyInAnyOrder("G1", "G2", "G3");
    geojson
        .get("features")
        .forEach(f -> assertThat(f.at("/properties/month").asText()).isEqualTo("2025-04"));
  }

  @Test
  void theRankingsTableMatchesTheApiWithTheQuotaLineAndExports() throws Exception {
    browser.loginAs("bureau", "/");
    driver.findElement(By.id("tab-rankings")).click();
    WebElement table = driver.findElement(By.id("rankings-table"));
    browser
        .await(30)
        .until(
            d ->
                "true".equals(table.getDomAttribute("data-ready"))
                    && "2025Q1".equals(table.getDomAttribute("data-quarter")));
    assertThat(status("view")).isEqualTo("rankings");
    assertThat(new Select(driver.findElement(By.id("quarter"))).getOptions())
        .extracting(WebElement::getText)
        .containsExactly("2025Q1");

    JsonNode api = api("/api/rankings?quarter=2025Q1");
    JsonNode apiRows = api.get("rows");
    List<WebElement> rows = table.findElements(By.cssSelector("tbody tr[data-worker-id]"));
    assertThat(rows).hasSize(apiRows.size());
    assertThat(table.getDomAttribute("data-rows")).isEqualTo(String.valueOf(apiRows.size()));
    assertThat(table.getDomAttribute("data-quota")).isEqualTo("1");
    for (int i = 0; i < rows.size(); i++) {
      WebElement tr = rows.get(i);
      JsonNode r = apiRows.get(i);
      assertThat(tr.getDomAttribute("data-worker-id")).isEqualTo(r.get("worker_id").asText());
      assertThat(tr.getDomAttribute("data-rank")).isEqualTo(r.get("rank").asText());
      assertThat(tr.getDomAttribute("data-grade")).isEqualTo(r.get("grade").asText());
      assertThat(tr.getDomAttribute("data-quota-exceeded"))
          .isEqualTo(r.get("quota_exceeded").asText());
      List<String> cells =
          tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
      assertThat(cells.get(0)).isEqualTo(r.get("rank").asText());
      assertThat(cells.get(1)).contains(r.get("name").asText());
      assertThat(cells.get(2)).isEqualTo(textOrDash(r.get("grid_id")));
      assertThat(cells.get(3)).isEqualTo(textOrDash(r.get("town")));
      assertThat(cells.get(4))
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", r.get("score").asDouble()));
    }
    assertThat(rows)
        .extracting(tr -> tr.getDomAttribute("data-worker-id"))
        .containsExactly("X1", "W-G1", "X2", "X3");
    // grades in Chinese with their colours; W-G1 is beyond the quota of 1
    assertThat(rows.get(0).getText()).contains("优秀").contains("3,600.00").contains("1.20");
    assertThat(rows.get(1).getText()).contains("合格").contains("超出优秀名额");
    assertThat(rows.get(1).getDomAttribute("class")).contains("quota-exceeded");
    assertThat(rows.get(3).getText()).contains("不合格").contains("0.00");
    String excellent =
        rows.get(0).findElement(By.cssSelector(".grade")).getCssValue("background-color");
    String unqualified =
        rows.get(3).findElement(By.cssSelector(".grade")).getCssValue("background-color");
    assertThat(excellent).isEqualTo("rgba(26, 152, 80, 1)");
    assertThat(unqualified).isEqualTo("rgba(215, 48, 39, 1)");

    // the 30 % quota line sits right after the first row
    List<WebElement> all = table.findElements(By.cssSelector("tbody tr"));
    assertThat(all).hasSize(rows.size() + 1);
    assertThat(all.get(0).getDomAttribute("data-worker-id")).isEqualTo("X1");
    assertThat(all.get(1).getDomAttribute("class")).isEqualTo("quota-line");
    assertThat(all.get(1).getText()).contains("优秀名额线").contains("前 1 名").contains("参评 4 人");
    assertThat(all.get(2).getDomAttribute("data-worker-id")).isEqualTo("W-G1");
    assertThat(table.getDomAttribute("data-line-after")).isEqualTo("1");
    browser.screenshot("screenshot-rankings.png");

    // export links download with the session cookie (same origin)
    WebElement xlsx = driver.findElement(By.id("export-xlsx"));
    assertThat(xlsx.getDomAttribute("href")).isEqualTo("api/rankings?quarter=2025Q1&format=xlsx");
    xlsx.click();
    byte[] book = browser.downloaded("rankings-2025Q1.xlsx");
    assertThat(new String(book, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    driver.findElement(By.id("export-csv")).click();
    String csv = new String(browser.downloaded("rankings-2025Q1.csv"), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFrank,worker_id,name");
    assertThat(csv.split("\r\n")).hasSize(5);

    driver.findElement(By.id("lang")).click();
    assertThat(table.getText()).contains("Rank").contains("Excellent quota: top 1");
    driver.findElement(By.id("lang")).click();
    assertThat(table.getText()).contains("排名");
  }

  @Test
  void theTrendsChartRendersTheApiSeries() throws IOException {
    browser.loginAs("bureau", "/");
    driver.findElement(By.id("tab-trends")).click();
    waitForChart("coverage", "zone", false);
    WebElement chart = driver.findElement(By.id("trend-chart"));
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(chart.getDomAttribute("data-series")).isEqualTo("1");
    assertThat(chart.getDomAttribute("data-months")).isEqualTo("2");
    // zone coverage, a ratio of sums: March 10/14, April 13/14 (in percent, 2 decimals)
    assertThat(chartSeries()).containsExactly(List.of("全区", List.of(71.43, 92.86)));

    new Select(driver.findElement(By.id("trend-group"))).selectByValue("grid");
    waitForChart("coverage", "grid", false);
    assertThat(chartSeries())
        .containsExactly(
            List.of("G1 一号网格", List.of(90.0, 100.0)), List.of("G2 二号网格", List.of(25.0, 75.0)));

    // the moving average is a ratio of the window's sums: G1 April (9 + 10) / 20 = 95 %
    driver.findElement(By.id("trend-ma")).click();
    waitForChart("coverage", "grid", true);
    assertThat(chartSeries())
        .containsExactly(
            List.of("G1 一号网格", List.of(90.0, 95.0)), List.of("G2 二号网格", List.of(25.0, 50.0)));
    driver.findElement(By.id("trend-ma")).click();

    new Select(driver.findElement(By.id("trend-metric"))).selectByValue("patrols");
    new Select(driver.findElement(By.id("trend-group"))).selectByValue("town");
    waitForChart("patrols", "town", false);
    assertThat(chartSeries()).containsExactly(List.of("高新区", List.of(15.0, 20.0)));
    assertThat((String) browser.js("return window.gridwatch.chart.getOption().yAxis[0].name;"))
        .isEqualTo("巡查记录数");
    new Select(driver.findElement(By.id("trend-metric"))).selectByValue("coverage");
    waitForChart("coverage", "town", false);
    browser.screenshot("screenshot-trends.png");
  }

  @Test
  void thePlannerUploadsADraftChecksItAndSeesItsImpact() throws Exception {
    browser.loginAs("bureau", "/");
    waitForStatus("2025-04");
    WebElement tab = driver.findElement(By.id("tab-planner"));
    assertThat(tab.isDisplayed()).isTrue();
    assertThat(tab.getText()).isEqualTo("规划");
    tab.click();
    WebElement view = driver.findElement(By.id("planner-view"));
    browser
        .await(20)
        .until(d -> view.isDisplayed() && "idle".equals(view.getDomAttribute("data-state")));
    assertThat(status("view")).isEqualTo("planner");
    // the draft's G1 ends at 104.609°, its G2 takes 104.608–104.618°: overlap 104.608–104.609°
    // and E2 (104.610) moves from G1 to G2
    Path draft = Path.of(getClass().getResource("/layout/moved.geojson").toURI()).toAbsolutePath();
    driver.findElement(By.id("planner-file")).sendKeys(draft.toString());
    WebElement check = driver.findElement(By.id("planner-check"));
    browser.await(10).until(d -> check.isEnabled());
    assertThat(driver.findElement(By.id("planner-file-name")).getText()).contains("moved.geojson");
    check.click();
    browser.await(30).until(d -> "checked".equals(view.getDomAttribute("data-state")));
    assertThat(view.getDomAttribute("data-problems")).isEqualTo("1");
    assertThat(view.getDomAttribute("data-draft-features")).isEqualTo("3");
    WebElement problem =
        driver.findElement(By.cssSelector("#planner-problems li[data-type='overlap']"));
    assertThat(problem.getDomAttribute("data-grid-ids")).isEqualTo("G1,G2");
    assertThat(problem.getText()).contains("重叠 overlap").contains("G1、G2").contains("m²");
    assertThat(driver.findElement(By.id("planner-check-result")).getText()).contains("发现 1 个问题");
    @SuppressWarnings("unchecked")
    List<List<Object>> markers =
        (List<List<Object>>)
            browser.js(
                "return window.gridwatch.map.queryRenderedFeatures({layers: ['problem-points']})"
                    + ".map(f => [f.properties.type, f.geometry.coordinates[0],"
                    + " f.geometry.coordinates[1]]);");
    assertThat(markers).hasSize(1);
    assertThat(markers.get(0).get(0)).isEqualTo("overlap");
    assertThat(((Number) markers.get(0).get(1)).doubleValue()).isBetween(104.608, 104.609);
    Number outlines =
        (Number)
            browser.js(
                "return new Set(window.gridwatch.map.queryRenderedFeatures({layers: ['draft-line']})"
                    + ".map(f => f.properties.grid_id)).size;");
    assertThat(outlines.intValue()).isEqualTo(3);
    browser.screenshot("screenshot-planner-check.png");

    // clicking the problem flies the map to it: the centre of the part the view leaves visible
    problem.click();
    browser
        .await(10)
        .until(
            d ->
                "0".equals(view.getDomAttribute("data-focused"))
                    && !(Boolean) browser.js("return window.gridwatch.map.isMoving();"));
    Number offCentre =
        (Number)
            browser.js(
                "const m = window.gridwatch.map; const p = m.project([104.6085, 30.109]);"
                    + "const w = m.getCanvas().clientWidth"
                    + " - document.getElementById('planner-view').offsetWidth;"
                    + "const h = m.getCanvas().clientHeight;"
                    + "return Math.hypot(p.x - w / 2, p.y - h / 2);");
    assertThat(offCentre.doubleValue()).isLessThan(3);
    assertThat((Number) browser.js("return window.gridwatch.map.getZoom();"))
        .satisfies(z -> assertThat(z.doubleValue()).isGreaterThanOrEqualTo(15));
    assertThat(problem.getDomAttribute("class")).contains("focused");

    driver.findElement(By.id("planner-diff")).click();
    browser.await(30).until(d -> "diffed".equals(view.getDomAttribute("data-state")));
    assertThat(view.getDomAttribute("data-moves")).isEqualTo("1");
    WebElement move =
        driver.findElement(By.cssSelector("#planner-moves tr[data-enterprise-id='E2']"));
    assertThat(move.getDomAttribute("data-from")).isEqualTo("G1");
    assertThat(move.getDomAttribute("data-to")).isEqualTo("G2");
    assertThat(move.getText()).contains("二号企业");
    WebElement g1 = driver.findElement(By.cssSelector("#planner-grids tr[data-grid-id='G1']"));
    assertThat(g1.getDomAttribute("data-old-enterprises")).isEqualTo("2");
    assertThat(g1.getDomAttribute("data-new-enterprises")).isEqualTo("1");
    assertThat(g1.getText()).contains("2 → 1").contains("变更").contains("100.0%");
    assertThat(driver.findElements(By.cssSelector("#planner-grids tr[data-grid-id]"))).hasSize(3);
    assertThat(driver.findElement(By.id("planner-balance")).getText()).contains("变异系数");
    assertThat(driver.findElement(By.id("planner-diff-result")).getText())
        .contains("变更网格的企业（1 家）")
        .contains("受影响的网格员");
    new Actions(driver).scrollToElement(driver.findElement(By.id("planner-grids"))).perform();
    browser.screenshot("screenshot-planner-diff.png");

    driver.findElement(By.id("lang")).click();
    assertThat(driver.findElement(By.cssSelector("#planner-problems li")).getText())
        .contains("overlap (重叠)");
    assertThat(driver.findElement(By.id("planner-diff-result")).getText())
        .contains("Enterprises that change grid (1)");
    driver.findElement(By.id("lang")).click();
    driver.findElement(By.id("tab-map")).click();
    assertThat(view.isDisplayed()).isFalse();
  }

  @Test
  void aTownUserLoggingInAfterLogOutSeesOnlyItsTown() throws IOException {
    browser.loginAs("bureau", "/");
    assertThat(waitForStatus("2025-04").get("features")).isEqualTo("3");
    driver.findElement(By.id("logout")).click();
    // the page reloads: a fresh page without the user, showing the form
    browser
        .await(20)
        .until(
            d ->
                "".equals(d.findElement(By.id("status")).getDomAttribute("data-user"))
                    && d.findElement(By.id("login")).isDisplayed());

    browser.fillLogin("songtao", TestService.PASSWORD);
    browser.waitForUser("songtao");
    assertThat(driver.findElement(By.id("user")).getText()).contains("songtao").contains("松涛镇");
    assertThat(driver.findElement(By.id("tab-planner")).isDisplayed()).isFalse();
    Map<String, String> april = waitForStatus("2025-04");
    assertThat(april.get("features")).isEqualTo("1");
    @SuppressWarnings("unchecked")
    List<String> rendered =
        (List<String>)
            browser.js(
                "return [...new Set(window.gridwatch.map.queryRenderedFeatures({layers: ['grids-fill']})"
                    + ".map(f => f.properties.grid_id))].sort();");
    assertThat(rendered).containsExactly("G3");
    assertThat(driver.findElement(By.id("summary")).getText()).contains("1 个网格");

    // the 高新区 ranking rows are not the town's: an empty table with a note
    driver.findElement(By.id("tab-rankings")).click();
    WebElement table = driver.findElement(By.id("rankings-table"));
    browser.await(30).until(d -> "true".equals(table.getDomAttribute("data-ready")));
    assertThat(table.getDomAttribute("data-rows")).isEqualTo("0");
    assertThat(driver.findElement(By.id("rankings-note")).getText()).isEqualTo("该季度无可显示的排名数据。");
    driver.findElement(By.id("tab-map")).click();
    assertThat(status("view")).isEqualTo("map");
  }

  @Test
  void tileLayersFollowTheMonthSliderMetricAndPlay() throws IOException {
    browser.loginAs("bureau", "/?month=2025-04");
    Map<String, String> april = waitForStatus("2025-04", "coverage");
    // enterprises come from /tiles/enterprises (MVT): E1..E4, visited in April: E1, E2, E3
    assertThat(april.get("enterprises")).isEqualTo("4");
    assertThat(april.get("enterprisesVisited")).isEqualTo("3");
    @SuppressWarnings("unchecked")
    List<String> ids =
        (List<String>)
            browser.js(
                "return [...new Set(window.gridwatch.map.queryRenderedFeatures({layers: ['enterprises']})"
                    + ".map(f => f.properties.enterprise_id))].sort();");
    assertThat(ids).containsExactly("E1", "E2", "E3", "E4");

    // the slider moves to March: E2's only March check-in was too far away
    browser.js(
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
            browser
                .await(30)
                .until(
                    d ->
                        browser.js(
                            "const seen = new Map();"
                                + " for (const f of window.gridwatch.map.queryRenderedFeatures({layers: ['density']}))"
                                + "   seen.set(f.properties.i + ',' + f.properties.j, f.properties.patrols);"
                                + " const n = [...seen.values()].reduce((a, b) => a + b, 0);"
                                + " return n > 0 ? n : null;"));
    assertThat(hexPatrols.intValue()).isEqualTo(3); // P1, P2, P3 in March
    browser.screenshot("screenshot-density.png");

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
    browser.await(10).until(d -> "false".equals(play.getDomAttribute("aria-pressed")));
    assertThat(play.getText()).contains("播放");
    assertThat(driver.findElement(By.id("month-slider")).getDomProperty("value")).isEqualTo("1");
  }

  private String status(String field) {
    String v = driver.findElement(By.id("status")).getDomAttribute("data-" + field);
    return v == null ? "" : v;
  }

  private void waitForAssessment(String worker, String month, String state) {
    browser
        .await(20)
        .until(
            d -> {
              List<WebElement> found = d.findElements(By.id("assessment"));
              if (found.isEmpty()) {
                return false;
              }
              WebElement a = found.get(0);
              return worker.equals(a.getDomAttribute("data-worker"))
                  && month.equals(a.getDomAttribute("data-month"))
                  && state.equals(a.getDomAttribute("data-state"));
            });
  }

  private void waitForChart(String metric, String group, boolean movingAverage) {
    browser
        .await(30)
        .until(
            d -> {
              WebElement c = d.findElement(By.id("trend-chart"));
              return "true".equals(c.getDomAttribute("data-ready"))
                  && metric.equals(c.getDomAttribute("data-metric"))
                  && group.equals(c.getDomAttribute("data-group"))
                  && String.valueOf(movingAverage).equals(c.getDomAttribute("data-moving-average"));
            });
  }

  /** The chart's series as [name, [values…]] (numbers as doubles). */
  private List<List<Object>> chartSeries() {
    @SuppressWarnings("unchecked")
    List<List<Object>> raw =
        (List<List<Object>>)
            browser.js(
                "return window.gridwatch.chart.getOption().series"
                    + ".map(s => [s.name, s.data.map(v => v === null ? null : Number(v))]);");
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> s : raw) {
      List<Double> values = new ArrayList<>();
      for (Object v : (List<?>) s.get(1)) {
        values.add(v == null ? null : ((Number) v).doubleValue());
      }
      out.add(List.of(s.get(0), values));
    }
    return out;
  }

  /** GETs an API path as the bureau (bearer token) and parses the JSON. */
  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.base() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", service.bearer())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** A JSON value as the table shows it: its text, or a dash when null. */
  private static String textOrDash(JsonNode v) {
    return v == null || v.isNull() ? "—" : v.asText();
  }

  private Map<String, String> waitForStatus(String month, String metric) {
    browser
        .await(60)
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
    browser
        .await(60)
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

  private void hover(double lon, double lat) {
    browser.pointerAt(lon, lat).perform();
  }
}
