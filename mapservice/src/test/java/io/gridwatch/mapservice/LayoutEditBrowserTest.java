package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The draft editor and the swipe view of the planner view in real headless Chromium (Debian's
 * chromium + chromedriver) against the PostGIS fixture of {@link TestService} (G1, G2, G3: 0.018°
 * squares at 30.10–30.118° N from lon 104.60/104.62/104.64, each held by a worker). Everything goes
 * through the page: clicks on the map (terra-draw), the editor's buttons, the planner's check.
 */
class LayoutEditBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestService service;
  private static BrowserSession browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start();
    browser =
        BrowserSession.startWithDownloads(service.base(), 1280, 800, "browser-downloads-editor");
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
  void thePlannerSplitsMovesAVertexMergesChecksAndSwipes() throws Exception {
    loginAs("bureau");
    driver.findElement(By.id("tab-planner")).click();
    WebElement view = driver.findElement(By.id("planner-view"));
    browser
        .await(20)
        .until(d -> view.isDisplayed() && "idle".equals(view.getDomAttribute("data-state")));
    assertThat(driver.findElement(By.id("planner-compare")).isEnabled()).isFalse();

    // the editor starts from the published layout
    driver.findElement(By.id("planner-edit-active")).click();
    WebElement editor = driver.findElement(By.id("editor"));
    browser.await(30).until(d -> "ready".equals(editor.getDomAttribute("data-state")));
    assertThat(editor.getDomAttribute("data-features")).isEqualTo("3");
    assertThat(editor.getDomAttribute("data-source")).isEqualTo("active");
    assertThat(editor.getText()).contains("草案编辑").contains("拆分").contains("合并");
    assertThat(driver.findElement(By.id("planner-compare")).isEnabled()).isTrue();

    // split G1 along 104.607°: select it, 拆分, one click below and one above it
    selectGrid(104.613, 30.109, "G1");
    driver.findElement(By.id("editor-split")).click();
    browser.await(5).until(d -> "split".equals(editor.getDomAttribute("data-pick")));
    browser.clickAt(104.607, 30.097);
    browser.clickAt(104.607, 30.121);
    browser.await(30).until(d -> "split".equals(editor.getDomAttribute("data-op")));
    assertThat(editor.getDomAttribute("data-features")).isEqualTo("4");
    assertThat(editor.getDomAttribute("data-changed")).isEqualTo("G1,G1-2");
    JsonNode draft = draft();
    // the pieces share the cut (104.607° up to a pixel) from the bottom to the top edge; the east
    // piece (0.011° wide) keeps G1, the west one is G1-2 with G1's attributes
    List<List<Double>> cut = shared(draft);
    assertThat(cut).hasSize(2);
    double x = cut.get(0).get(0);
    assertThat(x).isCloseTo(104.607, within(1e-4));
    assertThat(cut).containsExactlyInAnyOrder(List.of(x, 30.1), List.of(x, 30.118));
    assertThat(ring(draft, "G1-2")).contains(List.of(104.6, 30.1), List.of(104.6, 30.118));
    assertThat(ring(draft, "G1")).contains(List.of(104.618, 30.1), List.of(104.618, 30.118));
    assertThat(props(draft, "G1-2").get("kind").asText()).isEqualTo("enterprise");
    assertThat(props(draft, "G1-2").get("town").asText()).isEqualTo("高新区");

    // the planner's check of the edited draft: G1-2 has no worker, nothing else is wrong
    driver.findElement(By.id("editor-check")).click();
    browser.await(30).until(d -> "checked".equals(view.getDomAttribute("data-state")));
    assertThat(view.getDomAttribute("data-problems")).isEqualTo("1");
    WebElement problem = driver.findElement(By.cssSelector("#planner-problems li"));
    assertThat(problem.getDomAttribute("data-type")).isEqualTo("no_worker");
    assertThat(problem.getDomAttribute("data-grid-ids")).isEqualTo("G1-2");
    assertThat(driver.findElement(By.id("planner-file-name")).getText())
        .contains("draft-edited.geojson");
    browser.screenshot("screenshot-editor-split.png");

    // the swipe view: the published layout (3 grids) against the draft (4)
    driver.findElement(By.id("planner-compare")).click();
    WebElement compare = browser.await(30).until(d -> d.findElement(By.id("compare-view")));
    browser.await(30).until(d -> "true".equals(compare.getDomAttribute("data-ready")));
    assertThat(compare.getDomAttribute("data-before-features")).isEqualTo("3");
    assertThat(compare.getDomAttribute("data-after-features")).isEqualTo("4");
    assertThat(driver.findElements(By.cssSelector("#compare-view .maplibregl-compare"))).hasSize(1);
    assertThat(compare.getText()).contains("现行布局 v1").contains("草案");
    Number clipped =
        (Number)
            browser.js(
                "return document.getElementById('compare-after').style.clip.length"
                    + " + document.getElementById('compare-before').style.clip.length;");
    assertThat(clipped.intValue()).isPositive();
    browser.screenshot("screenshot-editor-swipe.png");
    driver.findElement(By.id("compare-close")).click();
    browser.await(10).until(d -> d.findElements(By.id("compare-view")).isEmpty());

    // dragging the cut's top end in G1 moves it in G1-2 as well (their shared vertex)
    selectGrid(104.613, 30.109, "G1");
    dragFrom(x, 30.118, -40, 0);
    browser.await(20).until(d -> "vertex".equals(editor.getDomAttribute("data-op")));
    List<List<Double>> after = shared(draft());
    assertThat(after).hasSize(2).contains(List.of(x, 30.1)).doesNotContain(List.of(x, 30.118));
    List<Double> moved = after.get(0).equals(List.of(x, 30.1)) ? after.get(1) : after.get(0);
    assertThat(moved.get(0)).isLessThan(x - 0.001);
    assertThat(editor.getText()).contains("已移动顶点（2 个网格）");
    // undo puts the corner back
    driver.findElement(By.id("editor-undo")).click();
    browser.await(10).until(d -> shared(draft()).contains(List.of(x, 30.118)));

    // merge G1-2 back into G1: select G1, 合并, click G1-2
    selectGrid(104.613, 30.109, "G1");
    driver.findElement(By.id("editor-merge")).click();
    browser.await(5).until(d -> "merge".equals(editor.getDomAttribute("data-pick")));
    browser.clickAt(104.603, 30.109);
    browser.await(30).until(d -> "merge".equals(editor.getDomAttribute("data-op")));
    assertThat(editor.getDomAttribute("data-features")).isEqualTo("3");
    assertThat(editor.getDomAttribute("data-changed")).isEqualTo("G1,G1-2");
    driver.findElement(By.id("editor-check")).click();
    browser
        .await(30)
        .until(
            d ->
                "checked".equals(view.getDomAttribute("data-state"))
                    && "0".equals(view.getDomAttribute("data-problems")));
    assertThat(driver.findElement(By.id("planner-check-result")).getText()).contains("布局有效");

    // 下载草案 saves the edited draft as GeoJSON
    driver.findElement(By.id("editor-download")).click();
    JsonNode saved = JSON.readTree(browser.downloaded("draft-edited.geojson"));
    assertThat(saved.get("features")).hasSize(3);
    assertThat(props(saved, "G1").get("name").asText()).isEqualTo("一号网格");

    driver.findElement(By.id("lang")).click();
    assertThat(editor.getText()).contains("Draft editor").contains("Split");
    driver.findElement(By.id("lang")).click();
    driver.findElement(By.id("editor-close")).click();
    assertThat(editor.isDisplayed()).isFalse();
  }

  /** Clicks inside a grid in select mode and waits until the editor has it selected. */
  private void selectGrid(double lon, double lat, String id) {
    WebElement editor = driver.findElement(By.id("editor"));
    driver.findElement(By.id("editor-select")).click();
    browser
        .await(10)
        .until(
            d -> {
              if (!id.equals(editor.getDomAttribute("data-selected"))) {
                browser.clickAt(lon, lat);
              }
              return id.equals(editor.getDomAttribute("data-selected"));
            });
  }

  /** The editor's current draft. */
  private JsonNode draft() {
    try {
      return JSON.readTree(
          (String) browser.js("return JSON.stringify(window.gridwatch.editor.draft());"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The distinct vertices G1 and G1-2 have in common. */
  private static List<List<Double>> shared(JsonNode draft) {
    List<List<Double>> out = new ArrayList<>(new LinkedHashSet<>(ring(draft, "G1")));
    out.retainAll(ring(draft, "G1-2"));
    return out;
  }

  private static JsonNode feature(JsonNode fc, String id) {
    for (JsonNode f : fc.get("features")) {
      if (id.equals(f.get("properties").get("grid_id").asText())) {
        return f;
      }
    }
    throw new AssertionError("no grid " + id + " in " + fc);
  }

  private static JsonNode props(JsonNode fc, String id) {
    return feature(fc, id).get("properties");
  }

  /** The outer ring of a grid's polygon, coordinates rounded to 7 decimals. */
  private static List<List<Double>> ring(JsonNode fc, String id) {
    JsonNode g = feature(fc, id).get("geometry");
    JsonNode coords =
        "MultiPolygon".equals(g.get("type").asText())
            ? g.get("coordinates").get(0).get(0)
            : g.get("coordinates").get(0);
    List<List<Double>> out = new ArrayList<>();
    for (JsonNode c : coords) {
      out.add(
          List.of(
              Math.round(c.get(0).asDouble() * 1e7) / 1e7,
              Math.round(c.get(1).asDouble() * 1e7) / 1e7));
    }
    return out;
  }

  /** Logs in through the form and waits until the page shows 2025-04 for the user. */
  private void loginAs(String user) {
    browser.openLoggedOut("/");
    browser.fillLogin(user, TestService.PASSWORD);
    browser
        .await(60)
        .until(
            d -> {
              WebElement s = d.findElement(By.id("status"));
              return user.equals(s.getDomAttribute("data-user"))
                  && "true".equals(s.getDomAttribute("data-ready"))
                  && "2025-04".equals(s.getDomAttribute("data-month"));
            });
  }

  /** Presses at (lon, lat), drags by (dx, dy) pixels in small steps and releases. */
  private void dragFrom(double lon, double lat, int dx, int dy) {
    Actions a = browser.pointerAt(lon, lat).clickAndHold();
    int steps = 8;
    for (int i = 0; i < steps; i++) {
      a = a.pause(Duration.ofMillis(30)).moveByOffset(dx / steps, dy / steps);
    }
    a.pause(Duration.ofMillis(50)).release().perform();
  }
}
