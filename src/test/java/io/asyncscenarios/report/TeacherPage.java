package io.asyncscenarios.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One scenario's section of the HTML report in Debian's Chromium, driven through Debian's chromedriver,
 * read as a person reads it: the cursor's time, what the tasks are doing, the printed lines that are
 * visible, the claims marked decided. Selenium Manager is never asked for anything: the driver and the
 * browser are named.
 */
final class TeacherPage {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  // Selenium logs through java.util.logging; a CDP version it has no classes for is not our concern.
  private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

  private final WebDriver driver;
  private String section;

  private TeacherPage(WebDriver driver) {
    this.driver = driver;
  }

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static TeacherPage start() {
    SELENIUM.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(CHROMEDRIVER.toFile())
      .usingAnyFreePort()
      .build();
    ChromeOptions options = new ChromeOptions()
      .setBinary(CHROMIUM.toFile())
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US",
        "--window-size=1280,1800", "--force-device-scale-factor=1", "--hide-scrollbars");
    return new TeacherPage(new ChromeDriver(service, options));
  }

  void quit() {
    driver.quit();
  }

  TeacherPage open(Path html, String scenario) {
    driver.get(html.toUri().toString());
    return show(scenario);
  }

  /** The section the next calls read and act on. */
  TeacherPage show(String scenario) {
    section = scenario;
    script("arguments[0].scrollIntoView()", element());
    return this;
  }

  WebElement element() {
    return driver.findElement(By.id(section));
  }

  WebElement find(String css) {
    return element().findElement(By.cssSelector(css));
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(code, args);
  }

  /** The JSON the page replays the scenario from. */
  JsonObject data() {
    return new JsonObject((String) script("return arguments[0].querySelector('script.teaching').textContent", element()));
  }

  double cursorMs() {
    return Double.parseDouble(element().getAttribute("data-cursor-ms"));
  }

  /** What a person sees at the cursor, as one value to compare: time, latest event, tasks, lines, claims. */
  JsonObject view() {
    return new JsonObject((String) script("""
      const s = arguments[0];
      const visible = el => el.getClientRects().length > 0;
      return JSON.stringify({
        cursorMs: +s.dataset.cursorMs,
        clock: s.querySelector('output.clock').textContent,
        now: s.querySelector('.now').textContent,
        tasks: [...s.querySelectorAll('table.states tr')].filter(visible)
          .map(r => r.cells[0].textContent + ': ' + r.cells[1].textContent),
        printed: [...s.querySelectorAll('ol.printed li')].filter(visible).map(li => li.textContent),
        claims: [...s.querySelectorAll('table.claims tr[data-at-ms]')]
          .map(r => r.cells[0].textContent + (r.classList.contains('undecided') ? ' undecided' : ' decided')),
        cursorX: +s.querySelector('line.cursor').getAttribute('x1')
      });""", element()));
  }

  /** The state shown for one task at the cursor. */
  String state(String task) {
    for (Object row : view().getJsonArray("tasks")) {
      String text = (String) row;
      if (text.startsWith(task + ": ")) {
        return text.substring(task.length() + 2);
      }
    }
    throw new AssertionError("no task " + task + " in " + view().getJsonArray("tasks"));
  }

  List<Object> printed() {
    return view().getJsonArray("printed").getList();
  }

  void click(String css) {
    find(css).click();
  }

  /** Keys as a person types them, with the player focused. */
  void keys(CharSequence... keys) {
    // Keys go to the section's player or timeline; a focused button would take Space as its own click.
    if (!(Boolean) script("const a = document.activeElement; return arguments[0].contains(a) && !a.matches('button, input')", element())) {
      find(".now").click();
    }
    new Actions(driver).sendKeys(keys).perform();
  }

  void home() {
    keys(Keys.HOME);
  }

  /** Steps forward until the latest event is {@code type} with {@code message}; fails at the end. */
  void stepTo(String type, String message) {
    home();
    while (!view().getString("now").endsWith("· " + type + " “" + message + "”")) {
      double before = cursorMs();
      keys(Keys.ARROW_RIGHT);
      if (cursorMs() == before) {
        throw new AssertionError("no " + type + " “" + message + "” in " + section);
      }
    }
  }

  /** Puts the cursor at {@code ms} through the time slider, as dragging its thumb does. */
  void slideTo(double ms) {
    script("const r = arguments[0]; r.value = arguments[1]; r.dispatchEvent(new Event('input', {bubbles: true}))",
      find("input.scrub"), ms);
  }

  /** Presses on the timeline at {@code fromMs}, drags to {@code toMs} and lets go. */
  void drag(double fromMs, double toMs) {
    WebElement svg = find("svg.timeline");
    JsonArray box = new JsonArray((String) script("""
      const r = arguments[0].getBoundingClientRect(), s = arguments[0];
      return JSON.stringify([r.left, r.top, r.width / s.viewBox.baseVal.width, +s.dataset.left, +s.dataset.width])""", svg));
    double total = data().getDouble("totalMs");
    double left = box.getDouble(0);
    double zoom = box.getDouble(2);
    int y = (int) Math.round(box.getDouble(1) + 20);
    java.util.function.DoubleFunction<Integer> x = ms ->
      (int) Math.round(left + zoom * (box.getDouble(3) + box.getDouble(4) * ms / Math.max(total, 1)));
    new Actions(driver)
      .moveToLocation(x.apply(fromMs), y)
      .clickAndHold()
      .moveToLocation(x.apply((fromMs + toMs) / 2), y)
      .moveToLocation(x.apply(toMs), y)
      .release()
      .perform();
  }

  /** Whether the page draws Korean with a real font: a missing glyph looks like any other missing glyph. */
  boolean drawsKorean() {
    return (Boolean) script("""
      const draw = text => {
        const c = document.createElement('canvas'); c.width = 60; c.height = 30;
        const g = c.getContext('2d'); g.font = '20px sans-serif'; g.fillText(text, 2, 22);
        return c.toDataURL();
      };
      return draw('가') !== draw('\\u{10FFFD}') && draw('가') !== draw('나');""");
  }

  /** A picture of the section, as a PNG. */
  byte[] screenshot() {
    return element().getScreenshotAs(OutputType.BYTES);
  }
}
