package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report used as a person uses it, in Debian's Chromium driven through its chromedriver: play
 * and pause, step forward and back, drag on the timeline, keys; at each point the page must show what
 * the run's data says for that moment, and stepping back must show exactly what was shown there before.
 * {@code create-task} runs in real time (4 s, as in the tutorial), beside the tutorial's Python and
 * output; {@code sync-vs-async} at the tests' time scale. The create-task picture is written to
 * {@code target/report-create-task.png}, and with {@code -Dscreenshot.dir=docs} to the README's.
 * CI installs chromium-driver and fonts-noto-cjk; elsewhere the test needs them.
 */
class HtmlReportTeacherTest {


  @TempDir
  static Path dir;
  static Vertx vertx;
  static TeacherPage page;
  static Path report;
  // The same run, with what part A's log will add filled in by hand (see withLinks).
  static Path linked;

  @BeforeAll
  static void runAndOpen() throws IOException {
    assumeTrue(TeacherPage.browserInstalled() || System.getenv("CI") != null,
      "chromium and chromium-driver are not installed (apt-get install chromium-driver fonts-noto-cjk)");
    vertx = Vertx.vertx();
    ScenarioOutcome createTask = TestRuns.run(vertx, "create-task", new JsonObject().put("timeScale", 1.0));
    ScenarioOutcome syncVsAsync = TestRuns.run(vertx, "sync-vs-async");
    AppOptions options = AppOptions.fromJson(new JsonObject().put("timeScale", TestRuns.TIME_SCALE), Catalog.standard());
    RunReport run = new RunReport(options, Instant.now(), createTask.elapsedMs() + syncVsAsync.elapsedMs(),
      List.of(createTask, syncVsAsync));
    Function<ScenarioInfo, Lesson> lessons = Lesson::of;
    report = Files.writeString(dir.resolve("report.html"), HtmlReport.render(run, TeachingData::of, lessons));
    linked = Files.writeString(dir.resolve("linked.html"), HtmlReport.render(run,
      outcome -> outcome == createTask ? withLinks(TeachingData.of(outcome)) : TeachingData.of(outcome), lessons));
    page = TeacherPage.start();
  }

  @AfterAll
  static void close() {
    if (page != null) {
      page.quit();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void theContentsLeadToEachScenarioMarkedWithItsStatus() {
    page.open(report, "create-task");
    assertEquals(List.of("#create-task", "#sync-vs-async"),
      page.script("return Array.from(document.querySelectorAll('nav.contents a')).map(a => a.getAttribute('href'))"));
    assertEquals(page.script("return document.querySelector('#sync-vs-async .status').textContent"),
      page.script("return document.querySelector('nav.contents a[href=\"#sync-vs-async\"]').className"));
    page.script("document.querySelector('nav.contents a[href=\"#sync-vs-async\"]').click()");
    assertEquals("#sync-vs-async", page.script("return location.hash"));
  }

  @Test
  void stepsForwardThroughEveryMomentAndBackThroughExactlyTheSameViews() {
    page.open(report, "create-task");
    JsonObject data = page.data();
    double total = data.getDouble("totalMs");
    // The page opens at the end, as the static report shows it: every task finished, every line printed.
    JsonObject end = page.view();
    assertEquals(total, end.getDouble("cursorMs"), 0.001);
    assertEquals(List.of("Task-1: finished", "Task 1: finished", "Task 2: finished", "Task 3: finished"), end.getJsonArray("tasks").getList());
    assertEquals(prints(data, total), end.getJsonArray("printed").getList());
    assertViewMatchesData(end, data);

    page.home();
    JsonObject start = page.view();
    assertEquals(0, start.getDouble("cursorMs"));
    assertEquals(List.of("Task-1: not started", "Task 1: not started", "Task 2: not started", "Task 3: not started"),
      start.getJsonArray("tasks").getList());
    assertEquals(List.of(), start.getJsonArray("printed").getList());
    assertEquals("before the first event", start.getString("now"));

    List<JsonObject> forward = new ArrayList<>(List.of(start));
    while (page.cursorMs() < total) {
      page.keys(Keys.ARROW_RIGHT);
      forward.add(page.view());
      assertViewMatchesData(forward.get(forward.size() - 1), data);
    }
    assertEquals(moments(data), forward.stream().map(view -> view.getDouble("cursorMs")).toList(), "one step per moment");
    assertEquals(end, forward.get(forward.size() - 1), "the last step is the end");
    for (int i = forward.size() - 2; i >= 0; i--) {
      page.click("button.back");
      assertEquals(forward.get(i), page.view(), "back at step " + i);
    }
  }

  @Test
  void eachMomentOfCreateTaskShowsWhatEveryTaskIsDoing() {
    page.open(report, "create-task");
    page.stepTo("print", "Doing other work...");
    assertEquals(List.of("Doing other work..."), page.printed());
    assertEquals("running", page.state("Task-1"));
    // create_task schedules: the tasks start on a later turn of the loop.
    assertEquals("not started", page.state("Task 1"));

    page.stepTo("print", "Other work done");
    assertEquals(List.of("Doing other work...", "Task 1 started", "Task 2 started", "Task 3 started", "Other work done"), page.printed());
    for (String task : List.of("Task 1", "Task 2", "Task 3")) {
      assertTrue(page.state(task).startsWith("waiting on timer"), task + ": " + page.state(task));
    }
    assertTrue(page.state("Task-1").matches("running|waiting on tasks .*"), page.state("Task-1"));

    page.stepTo("print", "Task 2 finished");
    assertEquals("running", page.state("Task 2"), "woken, printing, not yet returned");
    assertTrue(page.state("Task 1").startsWith("waiting on timer"), page.state("Task 1"));
    page.keys(Keys.ARROW_RIGHT);
    assertEquals("finished", page.state("Task 2"));
    assertTrue(page.state("Task 3").startsWith("waiting on timer"), page.state("Task 3"));
  }

  @Test
  void playMovesTheCursorPauseHoldsItAndTheSameMomentShowsTheSameView() throws Exception {
    page.open(report, "create-task");
    double total = page.data().getDouble("totalMs");
    // At the end, play starts again from the beginning; a 4 s run plays in 5 s.
    page.click("button.play");
    assertEquals("⏸ pause", page.find("button.play").getText());
    Thread.sleep(1500);
    page.click("button.play");
    assertEquals("▶ play", page.find("button.play").getText());
    double paused = page.cursorMs();
    assertTrue(paused > 0 && paused < total, paused + " of " + total);
    JsonObject view = page.view();
    assertViewMatchesData(view, page.data());
    Thread.sleep(300);
    assertEquals(view, page.view(), "paused, nothing moves");
    page.home();
    page.slideTo(paused);
    assertEquals(view, page.view(), "the same moment reached by the slider");

    page.home();
    page.keys(" ");
    assertEquals("⏸ pause", page.find("button.play").getText());
    Thread.sleep(300);
    page.keys(" ");
    assertEquals("▶ play", page.find("button.play").getText());
    assertTrue(page.cursorMs() > 0, "space played from the start");
  }

  @Test
  void dragOnTheTimelineAndKeysMoveTheCursor() {
    page.open(report, "create-task");
    JsonObject data = page.data();
    double total = data.getDouble("totalMs");
    page.drag(0.1 * total, 0.6 * total);
    assertEquals(0.6 * total, page.cursorMs(), 0.01 * total, "the cursor follows the pointer");
    assertViewMatchesData(page.view(), data);
    page.drag(0.6 * total, 0.3 * total);
    assertEquals(0.3 * total, page.cursorMs(), 0.01 * total, "and drags back");
    assertViewMatchesData(page.view(), data);

    List<Double> moments = moments(data);
    page.keys(Keys.END);
    assertEquals(total, page.cursorMs(), 0.001);
    page.keys(Keys.ARROW_LEFT);
    assertEquals(moments.get(moments.size() - 2), page.cursorMs(), 0.001);
    page.keys(Keys.ARROW_RIGHT);
    assertEquals(total, page.cursorMs(), 0.001);
    page.keys(Keys.HOME);
    assertEquals(0, page.cursorMs());
    page.keys(Keys.ARROW_RIGHT);
    assertEquals(moments.get(1), page.cursorMs(), 0.001);
  }

  @Test
  void syncVsAsyncShowsTheBlockingRunAtItsSecondTaskThenTheConcurrentOne() {
    page.open(report, "sync-vs-async");
    JsonObject data = page.data();
    page.slideTo(printedAt(data, "Task 2 (blocking)", "Task 2 started"));
    assertEquals("finished", page.state("Task 1 (blocking)"));
    // Its own blocking code runs on a worker thread: running, drawn solid; not a wait.
    assertEquals("running on a worker thread (blocking): executeBlocking sync_task", page.state("Task 2 (blocking)"));
    assertEquals(0L, page.script("return arguments[0].querySelectorAll('rect.wait.worker').length", page.element()));
    assertEquals("not started", page.state("Task 3 (blocking)"));
    assertEquals("not started", page.state("concurrent"));
    assertEquals("not started", page.state("Task 1"));
    assertViewMatchesData(page.view(), data);

    page.slideTo(printedAt(data, "Task 3", "Task 3 finished"));
    assertEquals("finished", page.state("sequential"));
    assertEquals("running", page.state("Task 3"));
    assertTrue(page.state("Task 1").startsWith("waiting on timer"), page.state("Task 1"));
    assertTrue(page.state("Task 2").startsWith("waiting on timer"), page.state("Task 2"));
    assertViewMatchesData(page.view(), data);
  }

  @Test
  void awaitEdgesWaitsAndEndsAsPartAsLogWillRecordThem() {
    page.open(linked, "create-task");
    JsonObject data = page.data();
    assertEquals(3L, page.script("return arguments[0].querySelectorAll('path.await').length", page.element()));
    assertEquals(3L, page.script("return arguments[0].querySelectorAll('path.created').length", page.element()));
    assertEquals(3L, page.script("return arguments[0].querySelectorAll('line.awaiting').length", page.element()));

    // Awaiting its tasks, the main task is drawn lighter, as the legend says of waiting: from when it awaits them.
    JsonArray stretch = new JsonArray((String) page.script("""
      const r = arguments[0].querySelector('rect.wait.tasks'), s = arguments[0].querySelector('svg.timeline');
      return JSON.stringify(r ? [+r.getAttribute('x'), +s.dataset.left, +s.dataset.width] : [])""", page.element()));
    assertEquals(3, stretch.size(), "a stretch awaiting tasks is drawn");
    assertEquals(stretch.getDouble(1) + stretch.getDouble(2) * printedAt(data, "Task-1", "Other work done") / data.getDouble("totalMs"),
      stretch.getDouble(0), 0.11);
    page.slideTo((printedAt(data, "Task-1", "Doing other work...") + printedAt(data, "Task-1", "Other work done")) / 2);
    assertTrue(page.state("Task-1").matches("waiting on (.*, )?a reply from node-b, queue jobs"), page.state("Task-1"));
    page.slideTo(printedAt(data, "Task-1", "Other work done"));
    assertEquals("waiting on tasks Task 1, Task 2, Task 3", page.state("Task-1"));
    assertEquals(List.of("✓ decided", "… undecided"), page.view().getJsonArray("claims").getList(),
      "the first claim is decided when the other work is done");

    page.slideTo(printedAt(data, "Task 2", "Task 2 finished"));
    assertEquals("waiting on http http://127.0.0.1/page.html", page.state("Task-1"), "a wait of its own comes first");
    page.slideTo(printedAt(data, "Task 1", "Task 1 finished"));
    assertEquals("waiting on tasks Task 1, Task 3", page.state("Task-1"));
    page.keys(Keys.ARROW_RIGHT);
    assertEquals("cancelled by Task-1", page.state("Task 1"));
    assertEquals("waiting on task Task 3", page.state("Task-1"));
    page.slideTo(endOf(data, "Task 3"));
    assertEquals("failed (boom)", page.state("Task 3"));
    assertEquals("created by Task-1",
      page.script("return arguments[0].querySelector('table.states tr[data-task=\"Task 3\"] td').title", page.element()));
  }

  @Test
  void theJavaPanelOpensOnTheScenariosClassAndThePythonOnItsFirstLine() {
    page.open(report, "create-task");
    JsonArray at = new JsonArray((String) page.script("""
      const java = arguments[0].querySelector('figure.java pre'), python = arguments[0].querySelector('figure.python pre');
      const text = java.querySelector('code').firstChild, i = text.data.search(/^public (final )?class /m);
      const range = document.createRange(); range.setStart(text, i); range.setEnd(text, i + 1);
      const top = range.getBoundingClientRect().top - java.getBoundingClientRect().top;
      return JSON.stringify([java.scrollTop, top, parseFloat(getComputedStyle(java).lineHeight), python.scrollTop])""", page.element()));
    assertTrue(at.getDouble(0) > 0, "the Java panel is scrolled past the package and imports: " + at);
    assertTrue(at.getDouble(1) >= 0 && at.getDouble(1) < at.getDouble(2) + 8, "the class declaration is its first line: " + at);
    assertEquals(0.0, at.getDouble(3), "the Python panel is not moved");
  }

  /**
   * A main task awaiting 300 tasks (gather): 199 drawn, 101 not; a warning of two lines outside any task; a
   * printed line of two lines, and log records. The drawn tasks end first, the others 30 ms later.
   */
  @Test
  void aCrowdedGatherCountsTheTasksNotDrawnAndDrawsNoBandOfArrows() throws Exception {
    Recorder recorder = new Recorder(event -> { });
    int main = recorder.addTask("main");
    recorder.record(main, EventType.START, "");
    recorder.record(main, EventType.PRINT, "gathering\nall of them");
    List<Integer> children = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int child = recorder.addTask("Task " + i, main);
      recorder.record(child, EventType.START, "");
      recorder.awaited(child, main);
      children.add(child);
    }
    Thread.sleep(20);
    recorder.record(-1, EventType.WARN, "slow callback\n  at line 2");
    Thread.sleep(20);
    for (int child : children.subList(0, 199)) {
      recorder.record(child, EventType.FINISH, "");
    }
    Thread.sleep(30);
    for (int child : children.subList(199, 300)) {
      recorder.record(child, EventType.FINISH, "");
    }
    recorder.record(main, EventType.LOG, "DEBUG gathered 300");
    recorder.record(main, EventType.FINISH, "");
    EventLog log = recorder.log();
    ScenarioOutcome outcome = new ScenarioOutcome(Catalog.standard().find("gather-results").orElseThrow(),
      io.asyncscenarios.runner.Status.PASSED, 100, null, List.of(), log, null);
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    Path crowded = Files.writeString(dir.resolve("crowded.html"), HtmlReport.render(new RunReport(options, Instant.now(), 100, List.of(outcome))));
    page.open(crowded, "gather-results");
    JsonObject data = page.data();

    page.stepTo("warn", "slow callback\n  at line 2");
    assertEquals("waiting on tasks Task 0, Task 1, Task 2 … and 297 more", page.state("main"));
    assertTrue(page.view().getJsonArray("tasks").stream().noneMatch(row -> ((String) row).contains("(no task)")),
      "events outside any task are no task: " + page.view().getJsonArray("tasks"));
    // Every drawn task has ended; the main task still waits on those not drawn.
    page.slideTo(endOf(data, "Task 198"));
    assertEquals("waiting on 101 tasks not drawn", page.state("main"));
    page.keys(Keys.END);
    assertEquals(List.of("gathering", "all of them", "WARNING slow callback", "  at line 2", "DEBUG gathered 300"), page.printed());
    assertEquals(List.of("print", "print", "warn", "warn", "log"),
      page.script("return Array.from(arguments[0].querySelectorAll('ol.printed li')).map(li => li.className)", page.element()));
    assertViewMatchesData(page.view(), data);

    // The events outside any task: their marks, no bar saying something runs.
    assertEquals(0L, page.script("return arguments[0].querySelectorAll('rect.bar[data-task=\"(no task)\"]').length", page.element()));
    assertEquals(1L, page.script("return arguments[0].querySelectorAll('.mark.warn').length", page.element()));
    // 199 await edges: none drawn, counted.
    assertEquals(0L, page.script("return arguments[0].querySelectorAll('path.await').length", page.element()));
    assertTrue(page.find("p.edges-left-out").getText().startsWith("199 await arrows not drawn"), page.find("p.edges-left-out").getText());
    // The main task is drawn lighter until the last task not drawn ended.
    double right = ((Number) page.script("""
      const r = [...arguments[0].querySelectorAll('rect.wait.tasks')].pop();
      return +r.getAttribute('x') + +r.getAttribute('width')""", page.element())).doubleValue();
    JsonObject mainData = task(data, "main");
    assertEquals(101, mainData.getInteger("hiddenAwaited"));
    double left = ((Number) page.script("return +arguments[0].querySelector('svg.timeline').dataset.left", page.element())).doubleValue();
    assertEquals(left + HtmlReport.WIDTH * mainData.getDouble("hiddenAwaitedToMs") / data.getDouble("totalMs"), right, 0.2);
  }

  @Test
  void theTutorialsKoreanIsDrawnBesideOurRunAndPictured() throws IOException {
    page.open(report, "create-task");
    assertTrue(page.drawsKorean(), "a CJK font draws the tutorial's Korean (apt-get install fonts-noto-cjk)");
    // The code panels scroll: their text is read whole; the outputs are read as shown.
    String text = page.script("return arguments[0].querySelector('.code').textContent", page.element())
      + page.find(".tutorial-output").getText();
    assertTrue(text.contains("task1 = asyncio.create_task(long_running_task(\"Task 1\", 3))"), text);
    assertTrue(text.contains("# 태스크 생성"), text);
    assertTrue(text.contains("다른 작업 완료"), text);
    assertTrue(text.contains("created.add(tasks.start(name, () -> longRunningTask(name, delay)));"), text);

    // The moment the README shows: one task done, two still asleep, the main task past its other work.
    page.slideTo(endOf(page.data(), "Task 2"));
    byte[] png = page.screenshot();
    assertTrue(png.length > 20_000, png.length + " bytes");
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "report-create-task.png"), png);
    String readme = System.getProperty("screenshot.dir");
    if (readme != null) {
      Files.createDirectories(Path.of(readme));
      Files.write(Path.of(readme, "report-create-task.png"), png);
    }
  }

  @Test
  void aPageOfAHundredThousandTasksOpensQuicklyWithThoseNotDrawnCounted() throws IOException {
    ScenarioOutcome outcome = new ScenarioOutcome(Catalog.standard().find("gather-results").orElseThrow(),
      io.asyncscenarios.runner.Status.PASSED, 600, null, List.of(), TeachingDataTest.manyTasks(100_000), null);
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    Path big = Files.writeString(dir.resolve("big.html"), HtmlReport.render(new RunReport(options, Instant.now(), 600, List.of(outcome))));
    long start = System.nanoTime();
    page.open(big, "gather-results");
    page.keys(Keys.HOME);
    page.keys(Keys.ARROW_RIGHT);
    double openMs = (System.nanoTime() - start) / 1e6;
    assertTrue(openMs < 5000, "opened and stepped in " + openMs + " ms");
    assertEquals(200, page.view().getJsonArray("tasks").size());
    assertTrue(page.find(".hidden-tasks").getText().contains("and 99801 more tasks, not shown"), page.find(".hidden-tasks").getText());
    page.keys(Keys.END);
    assertViewMatchesData(page.view(), page.data());
  }

  /** What the view must show at its cursor, from the data alone. */
  static void assertViewMatchesData(JsonObject view, JsonObject data) {
    double t = view.getDouble("cursorMs");
    assertEquals(prints(data, t), view.getJsonArray("printed").getList(), "lines printed by " + t);
    JsonArray tasks = data.getJsonArray("tasks");
    for (int i = 0; i < tasks.size(); i++) {
      JsonObject task = tasks.getJsonObject(i);
      String shown = view.getJsonArray("tasks").getString(i);
      String state = shown.substring(task.getString("name").length() + 2);
      Double endMs = task.getDouble("endMs");
      if (t < task.getDouble("startMs")) {
        assertEquals("not started", state, shown + " at " + t);
      } else if (endMs != null && t >= endMs) {
        assertTrue(state.startsWith(switch (task.getString("end")) {
          case "failed" -> "failed";
          case "cancelled" -> "cancelled";
          default -> "finished";
        }), shown + " at " + t);
      } else {
        assertTrue(state.matches("running|running on a worker thread \\(blocking\\).*|waiting on .+"), shown + " at " + t);
      }
    }
    JsonArray claims = data.getJsonArray("claims");
    for (int i = 0; i < claims.size(); i++) {
      double at = claims.getJsonObject(i).getDouble("atMs");
      boolean decided = (at < 0 ? data.getDouble("totalMs") : at) <= t;
      String mark = claims.getJsonObject(i).getBoolean("held") ? "✓" : "✗";
      assertEquals(decided ? mark + " decided" : "… undecided", view.getJsonArray("claims").getString(i), "claim " + i + " at " + t);
    }
  }

  /** The lines printed, logged or warned of by {@code byMs}: each line of a message its own, a warning marked. */
  static List<Object> prints(JsonObject data, double byMs) {
    List<Object> lines = new ArrayList<>();
    for (Object item : data.getJsonArray("events")) {
      JsonArray event = (JsonArray) item;
      String type = event.getString(2);
      if (List.of("print", "log", "warn").contains(type) && event.getDouble(0) <= byMs) {
        String[] split = event.getString(3).split("\\R", -1);
        for (int k = 0; k < split.length; k++) {
          lines.add((type.equals("warn") && k == 0 ? "WARNING " : "") + split[k]);
        }
      }
    }
    return lines;
  }

  /** Where a step can land: 0, each event, each claim's moment, the end. */
  static List<Double> moments(JsonObject data) {
    TreeSet<Double> moments = new TreeSet<>(List.of(0.0, data.getDouble("totalMs")));
    data.getJsonArray("events").forEach(event -> moments.add(((JsonArray) event).getDouble(0)));
    data.getJsonArray("claims").forEach(claim -> {
      double at = ((JsonObject) claim).getDouble("atMs");
      moments.add(at < 0 ? data.getDouble("totalMs") : at);
    });
    return List.copyOf(moments);
  }

  static JsonObject task(JsonObject data, String name) {
    for (Object item : data.getJsonArray("tasks")) {
      if (((JsonObject) item).getString("name").equals(name)) {
        return (JsonObject) item;
      }
    }
    throw new AssertionError("no task " + name);
  }

  static int idOf(JsonObject data, String task) {
    return task(data, task).getInteger("id");
  }

  static double printedAt(JsonObject data, String task, String line) {
    int id = idOf(data, task);
    for (Object item : data.getJsonArray("events")) {
      JsonArray event = (JsonArray) item;
      if (event.getInteger(1) == id && event.getString(2).equals("print") && event.getString(3).equals(line)) {
        return event.getDouble(0);
      }
    }
    throw new AssertionError(task + " never printed " + line);
  }

  static double endOf(JsonObject data, String task) {
    return task(data, task).getDouble("endMs");
  }

  /**
   * create-task's data with what part A's log adds, filled in by hand: the main task created Task 1-3 and
   * awaits them from the moment its other work is done, waits on an HTTP response meanwhile (and on a reply
   * over the event bus and on a queue during its other work); Task 1 is
   * cancelled by it, Task 3 fails; the first claim is decided when the other work is done.
   */
  static JsonObject withLinks(JsonObject data) {
    int main = idOf(data, "Task-1");
    double otherWorkDone = printedAt(data, "Task-1", "Other work done");
    for (String name : List.of("Task 1", "Task 2", "Task 3")) {
      task(data, name).put("creator", main).put("awaitedBy", main).put("awaitedAtMs", otherWorkDone);
    }
    task(data, "Task 1").put("end", "cancelled").put("cancelledBy", "Task-1");
    task(data, "Task 3").put("end", "failed").put("reason", "boom");
    data.getJsonArray("waits").add(new JsonArray().add(main).add(printedAt(data, "Task 2", "Task 2 finished"))
      .add(printedAt(data, "Task 1", "Task 1 finished")).add("http").add("http://127.0.0.1/page.html"));
    // While doing its other work, it also waits on a reply over the event bus, and on something of a kind unknown.
    double otherWork = printedAt(data, "Task-1", "Doing other work...");
    data.getJsonArray("waits").add(new JsonArray().add(main).add(otherWork).add(otherWorkDone).add("event-bus").add("node-b"));
    data.getJsonArray("waits").add(new JsonArray().add(main).add(otherWork).add(otherWorkDone).add("queue").add("jobs"));
    data.getJsonArray("claims").getJsonObject(0).put("atMs", otherWorkDone);
    return data;
  }


}
