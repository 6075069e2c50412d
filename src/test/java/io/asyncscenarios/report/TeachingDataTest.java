package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeachingDataTest {

  private static Event event(double tMs, String task, EventType type, String message) {
    return new Event(tMs, task, type, "loop", message);
  }

  @Test
  void eachTaskHasItsStartItsEndAndHowItEnded() {
    List<Event> events = List.of(
      event(0, "main", EventType.START, ""),
      event(1, "ok", EventType.START, ""),
      event(2, "boom", EventType.START, ""),
      event(3, "stopped", EventType.START, ""),
      event(10, "ok", EventType.FINISH, ""),
      event(20, "boom", EventType.ERROR, "it broke"),
      event(30, "stopped", EventType.CANCEL, "cancelled by main"),
      event(40, "main", EventType.CANCEL, "cancelled"));
    JsonObject data = TeachingData.of(EventLog.of(events), events.size(), List.of());
    JsonArray tasks = data.getJsonArray("tasks");
    assertEquals(List.of("main", "ok", "boom", "stopped"), tasks.stream().map(t -> ((JsonObject) t).getString("name")).toList());
    JsonObject ok = tasks.getJsonObject(1);
    assertEquals(1.0, ok.getDouble("startMs"));
    assertEquals(10.0, ok.getDouble("endMs"));
    assertEquals("finished", ok.getString("end"));
    assertEquals("failed", tasks.getJsonObject(2).getString("end"));
    assertEquals("it broke", tasks.getJsonObject(2).getString("reason"));
    assertEquals("main", tasks.getJsonObject(3).getString("cancelledBy"));
    assertNull(tasks.getJsonObject(0).getString("cancelledBy"), "a bare 'cancelled' names nobody");
    assertEquals(40.0, data.getDouble("totalMs"));
    // Until the log records who created and who awaits each task, nobody did.
    assertEquals(-1, ok.getInteger("creator"));
    assertEquals(-1, ok.getInteger("awaitedBy"));
    assertEquals(-1.0, ok.getDouble("awaitedAtMs"));
  }

  @Test
  void aTaskThatNeverEndedRunsToTheEndWithNullAsItsEnd() {
    List<Event> events = List.of(event(0, "forever", EventType.START, ""), event(5, "other", EventType.START, ""));
    JsonObject task = TeachingData.of(EventLog.of(events), events.size(), List.of()).getJsonArray("tasks").getJsonObject(0);
    assertTrue(task.containsKey("endMs"), "the script tells 'never ended' by null");
    assertNull(task.getValue("endMs"));
    assertEquals("running", task.getString("end"));
  }

  @Test
  void aSleepIsATimerWaitUntilTheTasksNextEventOrItsEnd() {
    List<Event> events = List.of(
      event(0, "a", EventType.START, ""),
      event(1, "a", EventType.SLEEP, "2000"),
      event(2001, "a", EventType.PRINT, "woke"),
      event(2002, "a", EventType.SLEEP, "500"),
      event(2100, "b", EventType.START, ""),
      event(2300, "a", EventType.CANCEL, "cancelled by b"),
      event(2400, "b", EventType.SLEEP, ""));
    JsonArray waits = TeachingData.of(EventLog.of(events), events.size(), List.of()).getJsonArray("waits");
    assertEquals(List.of(
      new JsonArray().add(0).add(1.0).add(2001.0).add("timer").add("2000"),
      new JsonArray().add(0).add(2002.0).add(2300.0).add("timer").add("500"),
      // Still asleep when the events stop: until the end of the timeline.
      new JsonArray().add(1).add(2400.0).add(2400.0).add("timer").add("")), waits.getList().stream().toList());
  }

  @Test
  void aTaskThatHasEndedWaitsNoMore() {
    // An older log, or a race, may record a sleep or a wait after the task's end: the page drew it past the
    // task's end, to the end of the timeline, where the trace drew nothing. Neither is drawn now.
    List<Event> events = List.of(
      event(0, "a", EventType.START, ""),
      event(1, "a", EventType.WAIT, "http http://a/"),
      event(2, "a", EventType.FINISH, ""),
      event(3, "a", EventType.SLEEP, "500"),
      event(4, "a", EventType.WAIT, "future f"),
      event(10, "b", EventType.START, ""));
    JsonArray waits = TeachingData.of(EventLog.of(events), events.size(), List.of()).getJsonArray("waits");
    assertEquals(List.of(new JsonArray().add(0).add(1.0).add(2.0).add("http").add("http://a/")), waits.getList());
  }

  @Test
  void eventsComeInTimeOrderAsTimeTaskTypeAndMessage() {
    List<Event> events = List.of(
      event(0.0004, "a", EventType.START, ""),
      event(1.23456, "a", EventType.PRINT, "비동기 <b>"),
      event(2, null, EventType.WARN, "slow"));
    JsonArray list = TeachingData.of(EventLog.of(events), events.size(), List.of()).getJsonArray("events");
    assertEquals(new JsonArray().add(0.0).add(0).add("start").add(""), list.getJsonArray(0));
    assertEquals(new JsonArray().add(1.235).add(0).add("print").add("비동기 <b>"), list.getJsonArray(1));
    assertEquals(new JsonArray().add(2.0).add(-1).add("warn").add("slow"), list.getJsonArray(2));
  }

  @Test
  void claimsAreDecidedAtTheEndUntilTheyNameAMoment() {
    JsonObject data = TeachingData.of(EventLog.of(List.of(event(0, "a", EventType.START, ""))), 1,
      List.of(new ClaimResult("it holds", "x", "x", true), new ClaimResult("it fails", "x", "y", false)));
    assertEquals(List.of(
      new JsonObject().put("text", "it holds").put("held", true).put("atMs", -1.0),
      new JsonObject().put("text", "it fails").put("held", false).put("atMs", -1.0)), data.getJsonArray("claims").getList());
  }

  /** A main task and {@code count} tasks that start, print a line and finish, over 600 ms. */
  static EventLog manyTasks(int count) {
    List<Event> events = new ArrayList<>(3 * count + 2);
    events.add(event(0, "main", EventType.START, ""));
    for (int i = 0; i < count; i++) {
      events.add(event(1 + i * 0.001, "task-" + i, EventType.START, ""));
    }
    for (int i = 0; i < count; i++) {
      events.add(event(200 + i * 0.001, "task-" + i, EventType.PRINT, "line " + i + " of a task that prints a lot"));
      events.add(event(400 + i * 0.001, "task-" + i, EventType.FINISH, ""));
    }
    events.add(event(600, "main", EventType.FINISH, ""));
    return EventLog.of(events);
  }

  @Test
  void aHugeRunGivesBoundedDataAndAPageOfAFewHundredKilobytes() {
    int count = 100_000;
    EventLog log = manyTasks(count);
    JsonObject data = TeachingData.of(log, log.size(), List.of());
    assertEquals(TimelineLayout.MAX_LANES, data.getJsonArray("tasks").size());
    assertEquals(count + 1 - TimelineLayout.MAX_LANES, data.getInteger("hiddenTasks"));
    assertTrue(data.getJsonArray("events").size() <= TeachingData.MAX_EVENTS);
    // Every event of the tasks shown: three each, and the main task's two.
    assertEquals(3 * (TimelineLayout.MAX_LANES - 1) + 2, data.getJsonArray("events").size());
    assertEquals(600.0, data.getDouble("totalMs"));
    // Every event not replayed is counted, those of the tasks not drawn too.
    assertEquals(log.size() - data.getJsonArray("events").size(), data.getLong("eventsLeftOut"));

    ScenarioOutcome outcome = new ScenarioOutcome(Catalog.standard().find("gather-results").orElseThrow(), Status.PASSED, 600,
      null, List.of(), log, null);
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    String html = HtmlReport.render(new RunReport(options, Instant.now(), 600, List.of(outcome)));
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes < 600_000, bytes + " bytes");
    assertTrue(html.contains("and " + (count + 1 - TimelineLayout.MAX_LANES) + " more tasks, not shown"), "hidden tasks counted");
  }

  @Test
  void aDrawnTaskAwaitingTasksNotDrawnKnowsHowManyAndUntilWhenTheLastEnded() throws InterruptedException {
    Recorder recorder = new Recorder(event -> { });
    int main = recorder.addTask("main");
    recorder.record(main, EventType.START, "");
    List<Integer> children = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      int child = recorder.addTask("task-" + i, main);
      recorder.record(child, EventType.START, "");
      recorder.awaited(child, main);
      children.add(child);
    }
    // One not drawn awaited by a drawn task that is not main; one never awaited.
    recorder.awaited(recorder.addTask("orphan", -1), children.get(3));
    recorder.addTask("nobody's", -1);
    Thread.sleep(5);
    for (int child : children) {
      recorder.record(child, EventType.FINISH, "");
    }
    EventLog log = recorder.log();
    double lastEnd = log.tMs(log.size() - 1);
    recorder.record(main, EventType.FINISH, "");
    JsonObject data = TeachingData.of(log, log.size(), List.of());
    JsonObject mainData = data.getJsonArray("tasks").getJsonObject(0);
    assertEquals("main", mainData.getString("name"));
    // Tasks 1-199 are drawn; task-199 to task-249, numbered 200 to 250, are not.
    assertEquals(51, mainData.getInteger("hiddenAwaited"));
    assertEquals(Math.round(lastEnd * 1000) / 1000.0, mainData.getDouble("hiddenAwaitedToMs"));
    assertEquals(Math.round(log.awaitedAtMs(200) * 1000) / 1000.0, mainData.getDouble("hiddenAwaitedFromMs"));
    JsonObject fourth = data.getJsonArray("tasks").getJsonObject(4);
    assertEquals(1, fourth.getInteger("hiddenAwaited"));
    assertTrue(fourth.containsKey("hiddenAwaitedToMs"));
    assertNull(fourth.getValue("hiddenAwaitedToMs"), "the orphan never ended: it is awaited until the events stop");
    assertEquals(0, data.getJsonArray("tasks").getJsonObject(1).getInteger("hiddenAwaited"));
    assertEquals(-1.0, data.getJsonArray("tasks").getJsonObject(1).getDouble("hiddenAwaitedToMs"));
  }

  @Test
  void theDataCannotCloseItsScriptElement() {
    List<Event> events = List.of(event(0, "a", EventType.START, ""), event(1, "a", EventType.PRINT, "</script><b>x"));
    ScenarioOutcome outcome = new ScenarioOutcome(Catalog.standard().find("create-task").orElseThrow(), Status.PASSED, 1,
      null, List.of(), EventLog.of(events), null);
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    String html = HtmlReport.render(new RunReport(options, Instant.now(), 1, List.of(outcome)));
    String block = html.substring(html.indexOf("<script type=\"application/json\""));
    block = block.substring(0, block.indexOf("</script>"));
    assertFalse(block.contains("<b>"), block);
    assertTrue(block.contains("\\u003c/script>\\u003cb>x"), block);
    assertTrue(html.contains("<li class=\"print\" data-t=\"1.000\" title=\"0.001 s\">&lt;/script&gt;&lt;b&gt;x</li>"), "the printed line, escaped");
  }
}
