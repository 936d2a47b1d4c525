package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Suggest → accept → draft → propose → confirm / reject in the planner view, in real headless
 * Chromium (Debian's chromium + chromedriver) against the unbalanced PostGIS fixture of {@link
 * PlannerFixture} (A 8 | B 2, C 7 | D 3). The service activates through the real launcher of this
 * checkout into a lake that does not exist, so the confirmed proposal ends failed with the child's
 * one-line message — shown in the page.
 */
class PlannerProposalsBrowserTest {
  private static PlannerFixture fixture;
  private static MapServer server;
  private static BrowserSession browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    fixture = PlannerFixture.create("gw_proposals_page");
    Path lake = Files.createTempDirectory("gw-no-lake-").resolve("missing-lake");
    server = fixture.start(PlannerFixture.launcherInto(lake.toString()));
    browser = BrowserSession.start(PlannerFixture.base(server), 1400, 900);
    driver = browser.driver();
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      fixture.close();
    }
  }

  @Test
  void thePlannerProposesASuggestedDraftAndTheBureauConfirmsOrRejects() throws Exception {
    browser.loginAs("planner", "/");
    openPlanner();

    // 建议调整: two moves (A → B, C → D), every move accepted at first, blocks on the map
    WebElement suggest = driver.findElement(By.id("suggest-panel"));
    assertThat(suggest.getText()).contains("建议调整").contains("生成建议");
    // scoped to the fixture's one town (the choice lists the published layout's towns)
    Select town = new Select(driver.findElement(By.id("suggest-town")));
    browser.await(30).until(d -> town.getOptions().size() == 2);
    assertThat(town.getOptions().get(0).getText()).isEqualTo("全部镇街");
    town.selectByVisibleText("高新区");
    driver.findElement(By.id("suggest-run")).click();
    browser.await(60).until(d -> "ready".equals(suggest.getDomAttribute("data-state")));
    assertThat(suggest.getDomAttribute("data-moves")).isEqualTo("2");
    assertThat(suggest.getDomAttribute("data-reached")).isEqualTo("true");
    assertThat(suggest.getText()).contains("全部接受即可达到目标");
    assertThat(driver.executeScript("return window.gridwatch.proposals.suggestion.town"))
        .isEqualTo("高新区");
    WebElement ab = driver.findElement(By.cssSelector("#suggest-moves tr[data-from='A']"));
    WebElement cd = driver.findElement(By.cssSelector("#suggest-moves tr[data-from='C']"));
    assertThat(ab.getDomAttribute("data-to")).isEqualTo("B");
    assertThat(cd.getDomAttribute("data-to")).isEqualTo("D");
    String abId = ab.getDomAttribute("data-move-id");
    assertThat(suggest.getDomAttribute("data-accepted")).contains(abId);
    assertThat(ab.getText()).contains("A 8→5").contains("B 2→5");
    browser.await(20).until(d -> blocks(true) == 2);

    // reject C → D: only A → B stays accepted; its block stays green, C → D's turns grey
    cd.findElement(By.cssSelector("input[type=checkbox]")).click();
    browser.await(10).until(d -> abId.equals(suggest.getDomAttribute("data-accepted")));
    browser.await(20).until(d -> blocks(true) == 1 && blocks(false) == 1);
    browser.screenshot("screenshot-planner-suggest.png");

    // 生成草案: the draft becomes the planner's file and is checked at once (valid)
    driver.findElement(By.id("suggest-apply")).click();
    browser.await(60).until(d -> "applied".equals(suggest.getDomAttribute("data-state")));
    WebElement view = driver.findElement(By.id("planner-view"));
    browser.await(60).until(d -> "checked".equals(view.getDomAttribute("data-state")));
    assertThat(view.getDomAttribute("data-problems")).isEqualTo("0");
    assertThat(driver.findElement(By.id("planner-file-name")).getText()).contains("suggest-v1");
    assertThat(driver.findElement(By.id("suggest-message")).getText()).contains("接受 1 条");

    // 提交生效申请: month defaults to the first month not yet published (2025-05)
    WebElement propose = driver.findElement(By.id("propose-panel"));
    assertThat(propose.getText()).contains("提交生效申请").contains("suggest-v1");
    assertThat(driver.findElement(By.id("propose-month")).getDomProperty("value"))
        .isEqualTo("2025-05");
    WebElement name = driver.findElement(By.id("propose-name"));
    name.clear();
    name.sendKeys("五月调整");
    driver.findElement(By.id("propose-submit")).click();
    browser.await(30).until(d -> "sent".equals(propose.getDomAttribute("data-state")));
    String first = propose.getDomAttribute("data-proposal-id");
    assertThat(propose.getText()).contains("已提交申请 #" + first).contains("2025-05-01");
    name.clear();
    name.sendKeys("备选方案");
    driver.findElement(By.id("propose-submit")).click();
    browser
        .await(30)
        .until(
            d ->
                "sent".equals(propose.getDomAttribute("data-state"))
                    && !first.equals(propose.getDomAttribute("data-proposal-id")));
    String second = propose.getDomAttribute("data-proposal-id");
    WebElement list = driver.findElement(By.id("proposals-panel"));
    browser.await(20).until(d -> "2".equals(list.getDomAttribute("data-pending")));
    assertThat(row(first).getText()).contains("五月调整").contains("待确认").contains("planner");
    // a planner cannot decide
    assertThat(driver.findElements(By.cssSelector("#proposals-list .proposal-confirm"))).isEmpty();
    browser.screenshot("screenshot-planner-proposed.png");

    // the bureau: reject the second with a reason, confirm the first
    browser.loginAs("deputy", "/");
    openPlanner();
    browser.await(20).until(d -> "2".equals(attr("proposals-panel", "data-pending")));
    assertThat(driver.findElement(By.id("proposals-panel")).getText()).contains("待确认");
    row(second).findElement(By.cssSelector(".proposal-reason")).sendKeys("不需要");
    row(second).findElement(By.cssSelector(".proposal-reject")).click();
    browser.await(20).until(d -> "rejected".equals(row(second).getDomAttribute("data-status")));
    assertThat(row(second).getText()).contains("已驳回").contains("不需要").contains("deputy");

    row(first).findElement(By.cssSelector(".proposal-confirm")).click();
    // the real child JVM (gridwatch layout activate) fails on the missing lake: polled to failed
    browser.await(180).until(d -> "failed".equals(row(first).getDomAttribute("data-status")));
    String text = row(first).getText();
    assertThat(text).contains("启用失败").contains("the lake has no layout yet");
    assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    browser.await(10).until(d -> "false".equals(attr("proposals-panel", "data-polling")));
    assertThat(driver.findElements(By.cssSelector("#proposals-list .proposal-confirm"))).isEmpty();
    browser.screenshot("screenshot-planner-confirmed.png");

    // English variant
    driver.findElement(By.id("lang")).click();
    assertThat(driver.findElement(By.id("proposals-panel")).getText())
        .contains("To confirm")
        .contains("activation failed");
    assertThat(driver.findElement(By.id("suggest-panel")).getText())
        .contains("Suggested adjustments");
    driver.findElement(By.id("lang")).click();
  }

  /** Rendered suggestion blocks, accepted (green) or not. */
  private long blocks(boolean accepted) {
    Object n =
        browser.js(
            "const m = window.gridwatch.map; if (!m.loaded()) return -1;"
                + " const seen = new Set();"
                + " for (const f of m.queryRenderedFeatures({layers: ['suggest-blocks-fill']}))"
                + "   if (f.properties.accepted === arguments[0]) seen.add(f.properties.id);"
                + " return seen.size;",
            accepted);
    return ((Number) n).longValue();
  }

  private String attr(String id, String name) {
    return driver.findElement(By.id(id)).getDomAttribute(name);
  }

  private WebElement row(String id) {
    return driver.findElement(By.cssSelector("#proposals-list tr[data-id='" + id + "']"));
  }

  private void openPlanner() {
    WebElement tab = driver.findElement(By.id("tab-planner"));
    browser.await(20).until(d -> tab.isDisplayed());
    tab.click();
    WebElement view = driver.findElement(By.id("planner-view"));
    browser.await(20).until(d -> view.isDisplayed() && view.getDomAttribute("data-state") != null);
    browser.await(30).until(d -> !d.findElements(By.id("proposals-list")).isEmpty());
    browser
        .await(20)
        .until(d -> d.findElement(By.id("proposals-panel")).getDomAttribute("data-count") != null);
  }
}
