package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report in a real browser: headless Chromium from Debian's packages loads it from file:// and
 * the test reads the DOM Chromium built. Every request the page could make is sent to a local proxy
 * that counts connections: there must be none. CI installs Chromium; elsewhere the test needs it.
 */
@ExtendWith(VertxExtension.class)
class HtmlReportBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Pattern CHROMIUM_SERVICES = Pattern.compile("[ /.](google\\.com|googleapis\\.com|gvt1\\.com|gstatic\\.com)[:/]");
  static final Pattern BAR = Pattern.compile("<rect class=\"bar (\\w+)\" data-task=\"([^\"]+)\"[^>]* width=\"([0-9.]+)\"");

  @TempDir
  Path dir;

  @Test
  void chromiumShowsOneBarPerTaskWithWidthsAsLongAsTheTasksAndFetchesNothing(Vertx vertx) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) || System.getenv("CI") != null, "chromium is not installed (apt-get install chromium)");
    ScenarioOutcome outcome = TestRuns.run(vertx, "sync-vs-async");
    AppOptions options = AppOptions.fromJson(new JsonObject().put("timeScale", TestRuns.TIME_SCALE), Catalog.standard());
    Path html = Files.writeString(dir.resolve("report.html"),
      HtmlReport.render(new RunReport(options, Instant.now(), outcome.elapsedMs(), List.of(outcome))));

    String dom;
    List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread counter = new Thread(() -> {
        while (!trap.isClosed()) {
          try (var socket = trap.accept()) {
            socket.setSoTimeout(2000);
            byte[] head = new byte[512];
            int n = socket.getInputStream().read(head);
            requests.add(n <= 0 ? "(nothing)" : new String(head, 0, n).lines().findFirst().orElse(""));
          } catch (Exception closed) {
            return;
          }
        }
      });
      counter.setDaemon(true);
      counter.start();
      Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + dir.resolve("profile"), "--proxy-server=http://127.0.0.1:" + trap.getLocalPort(),
        "--proxy-bypass-list=<-loopback>", "--dump-dom", html.toUri().toString())
        .redirectError(dir.resolve("chromium.err").toFile()).start();
      dom = new String(chromium.getInputStream().readAllBytes());
      assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium finished");
    }

    Matcher bars = BAR.matcher(dom);
    java.util.Map<String, Double> widths = new java.util.HashMap<>();
    int count = 0;
    while (bars.find()) {
      count++;
      widths.put(bars.group(2), Double.parseDouble(bars.group(3)));
    }
    // Task-1, sequential, concurrent, three blocking tasks and three concurrent ones.
    assertEquals(9, count, dom.length() > 2000 ? dom.substring(0, 2000) : dom);
    // Concurrent tasks of 2, 3 and 1 s: bars in that proportion, within timer noise.
    assertEquals(2.0, widths.get("Task 1") / widths.get("Task 3"), 0.5);
    assertEquals(3.0, widths.get("Task 2") / widths.get("Task 3"), 0.7);
    // The blocking run took about the sum, the concurrent one about the longest: twice as wide.
    assertEquals(2.0, widths.get("sequential") / widths.get("concurrent"), 0.5);
    // Chromium asks its own services (clock, component updates, accounts) whatever the page; the page
    // itself references nothing, so nothing else may be asked for.
    List<String> fromThePage = requests.stream().filter(r -> !CHROMIUM_SERVICES.matcher(r).find()).toList();
    assertEquals(List.of(), fromThePage, "the page made no network request");
    assertTrue(!Pattern.compile("(src|href)=\"https?:|url\\(").matcher(Files.readString(html)).find(), "nothing external referenced");
  }
}
