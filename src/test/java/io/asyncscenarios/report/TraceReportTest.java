package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceReportTest {

  private static final Catalog CATALOG = Catalog.standard();

  /** gather-basics as the recorder has it: Main starts Task 1 (2 s) and Task 2 (1 s), and prints their results. */
  private static final List<Event> GATHER = List.of(
    new Event(0, "Main", EventType.START, "loop", ""),
    new Event(0.5, "Task 1", EventType.START, "loop", ""),
    new Event(0.6, "Task 2", EventType.START, "loop", ""),
    new Event(0.7, "Task 1", EventType.PRINT, "loop", "Task 1 started"),
    new Event(0.8, "Task 1", EventType.SLEEP, "loop", "2000"),
    new Event(0.9, "Task 2", EventType.PRINT, "loop", "Task 2 started"),
    new Event(1.0, "Task 2", EventType.SLEEP, "loop", "1000"),
    new Event(1001.0, "Task 2", EventType.PRINT, "loop", "Task 2 finished"),
    new Event(1001.1, "Task 2", EventType.FINISH, "loop", ""),
    new Event(2000.8, "Task 1", EventType.PRINT, "loop", "Task 1 finished"),
    new Event(2000.9, "Task 1", EventType.FINISH, "loop", ""),
    new Event(2001.25, "Main", EventType.PRINT, "loop", "results: [1, 2]"),
    new Event(2001.3, "Main", EventType.FINISH, "loop", ""),
    new Event(2500, null, EventType.WARN, "checker", "the event loop was blocked for 120 ms"));

  private static ScenarioOutcome outcome(String id, EventLog log, Object result) {
    return new ScenarioOutcome(CATALOG.find(id).orElseThrow(), Status.PASSED, 3000, null, List.of(), log, result);
  }

  private static RunReport run(ScenarioOutcome... outcomes) {
    return new RunReport(AppOptions.defaults(CATALOG), Instant.parse("2026-11-26T12:00:00Z"), 3000, List.of(outcomes));
  }

  private static String trace(RunReport report, TaskLinks links, TraceReport.Limits limits) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceReport.write(report, "local", out, log -> links, limits);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(List.of(), TraceFormat.problems(text), text);
    return text;
  }

  private static String gatherTrace(TaskLinks links) throws IOException {
    return trace(run(outcome("gather-basics", EventLog.of(GATHER), new JsonObject())), links, TraceReport.Limits.DEFAULT);
  }

  private static JsonObject named(List<JsonObject> events, String name) {
    return events.stream().filter(e -> name.equals(e.getString("name"))).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  private static int tidNamed(String trace, String thread) {
    return named(TraceFormat.events(trace, "M").stream().filter(e -> e.getString("name").equals("thread_name"))
      .map(e -> e.getJsonObject("args").put("tid", e.getInteger("tid")).put("pid", e.getInteger("pid"))).toList(), thread)
      .getInteger("tid");
  }

  @Test
  void eachTaskIsAnAsyncSliceWithItsSleepsNestedInIt() throws IOException {
    String trace = gatherTrace(TaskLinks.UNKNOWN);

    JsonObject object = new JsonObject(trace);
    assertEquals("ms", object.getString("displayTimeUnit"));
    List<JsonObject> begins = TraceFormat.events(trace, "b");
    List<JsonObject> ends = TraceFormat.events(trace, "e");
    JsonObject task1 = named(begins, "Task 1");
    assertEquals("task", task1.getString("cat"));
    assertEquals(new JsonObject().put("scenario", "gather-basics").put("end", "finished"), task1.getJsonObject("args"));
    // Microseconds from the run's start, to the nanosecond.
    assertEquals(500, task1.getDouble("ts"));
    assertEquals(2000900, named(ends, "Task 1").getDouble("ts"));
    JsonObject sleep = named(begins, "sleep 2000 ms");
    assertEquals(task1.getValue("id"), sleep.getValue("id"), "nested in its task: same cat, same id");
    assertEquals(800, sleep.getDouble("ts"));
    assertEquals(2000800, named(ends, "sleep 2000 ms").getDouble("ts"), "a sleep ends at the task's next event");
    assertEquals(3, begins.stream().filter(e -> e.getString("cat").equals("task") && !e.getString("name").startsWith("sleep"))
      .map(e -> e.getValue("id")).distinct().count(), "one id per task");
    JsonObject scenario = named(begins, "gather-basics");
    assertEquals("scenario", scenario.getString("cat"));
    assertEquals(3_000_000, named(ends, "gather-basics").getDouble("ts"), "the scenario's slice lasts its elapsed time");
  }

  @Test
  void printsAndWarningsAreInstantsOnTheirThreadsOfTheNodesProcess() throws IOException {
    String trace = gatherTrace(TaskLinks.UNKNOWN);

    List<JsonObject> instants = TraceFormat.events(trace, "i");
    assertEquals(6, instants.size());
    JsonObject results = named(instants, "results: [1, 2]");
    assertEquals(2001250, results.getDouble("ts"));
    assertEquals("t", results.getString("s"));
    assertEquals("print", results.getString("cat"));
    assertEquals("Main", results.getJsonObject("args").getString("task"));
    assertEquals(tidNamed(trace, "loop"), results.getInteger("tid"));
    JsonObject warning = named(instants, "the event loop was blocked for 120 ms");
    assertEquals("warn", warning.getString("cat"));
    assertEquals("(no task)", warning.getJsonObject("args").getString("task"));
    assertEquals(tidNamed(trace, "checker"), warning.getInteger("tid"));
    List<JsonObject> metadata = TraceFormat.events(trace, "M");
    JsonObject process = named(metadata, "process_name");
    assertEquals(1, process.getInteger("pid"));
    assertEquals("local", process.getJsonObject("args").getString("name"));
    assertTrue(TraceFormat.events(trace, "s").isEmpty(), "no await edges recorded, no flows");
  }

  @Test
  void anAwaitEdgeIsAFlowFromTheAwaiterWhenItBeganToAwaitToTheAwaitedTasksEnd() throws IOException {
    // Main (0) awaits Task 1 (1) and Task 2 (2) as it gathers them, at 0.65 ms; and created both.
    TaskLinks links = new TaskLinks() {
      @Override
      public int creator(int task) {
        return task == 0 ? NONE : 0;
      }

      @Override
      public int awaiter(int task) {
        return task == 0 ? NONE : 0;
      }

      @Override
      public double awaitedAtMs(int task) {
        return task == 0 ? Double.NaN : 0.65;
      }
    };
    String trace = gatherTrace(links);

    List<JsonObject> starts = TraceFormat.events(trace, "s");
    List<JsonObject> ends = TraceFormat.events(trace, "f");
    assertEquals(2, starts.size());
    assertEquals(2, ends.size());
    List<JsonObject> anchors = TraceFormat.events(trace, "X");
    // Visible: the arrow starts where Main began to await (0.65 ms), not where it ends (Task 2's end).
    JsonObject awaits = named(anchors, "await Task 2");
    JsonObject task2Ended = named(anchors, "Task 2 finished");
    assertEquals(650, awaits.getDouble("ts"));
    assertEquals(1001100, task2Ended.getDouble("ts"));
    JsonObject start = starts.stream().filter(e -> e.getDouble("ts") == 650 && e.getValue("id").equals(
      ends.stream().filter(f -> f.getDouble("ts") == 1001100).findFirst().orElseThrow().getValue("id"))).findFirst().orElseThrow();
    JsonObject end = ends.stream().filter(e -> e.getValue("id").equals(start.getValue("id"))).findFirst().orElseThrow();
    assertEquals(1001100, end.getDouble("ts"), "it ends where Task 2 ended");
    assertEquals("e", end.getString("bp"));
    assertEquals(tidNamed(trace, "loop"), start.getInteger("tid"));
    assertEquals(tidNamed(trace, "loop"), end.getInteger("tid"));
    for (JsonObject s : starts) {
      JsonObject f = ends.stream().filter(e -> e.getValue("id").equals(s.getValue("id"))).findFirst().orElseThrow();
      assertTrue(f.getDouble("ts") > s.getDouble("ts"), "each arrow has a length: " + s + " " + f);
    }
    JsonObject task1 = named(TraceFormat.events(trace, "b"), "Task 1");
    assertEquals("Main", task1.getJsonObject("args").getString("createdBy"));
    assertEquals("Main", task1.getJsonObject("args").getString("awaitedBy"));
  }

  @Test
  void anAwaitOfATaskAlreadyEndedReturnsAtOnce() throws IOException {
    TaskLinks lateAwait = new TaskLinks() {
      @Override
      public int creator(int task) {
        return NONE;
      }

      @Override
      public int awaiter(int task) {
        return task == 2 ? 0 : NONE;
      }

      @Override
      public double awaitedAtMs(int task) {
        return 2001.2;
      }
    };
    String trace = gatherTrace(lateAwait);

    assertEquals(1001100, TraceFormat.events(trace, "s").get(0).getDouble("ts"));
    assertEquals(2001200, TraceFormat.events(trace, "f").get(0).getDouble("ts"));
  }

  @Test
  void aTaskEndsFinishedFailedCancelledOrStillRunning() throws IOException {
    List<Event> events = List.of(
      new Event(0, "ok", EventType.START, "loop", ""),
      new Event(1, "bad", EventType.START, "loop", ""),
      new Event(2, "stopped", EventType.START, "loop", ""),
      new Event(3, "forever", EventType.START, "loop", ""),
      new Event(4, "forever", EventType.SLEEP, "loop", ""),
      new Event(10, "ok", EventType.FINISH, "loop", ""),
      new Event(11, "bad", EventType.ERROR, "loop", "boom"),
      new Event(12, "stopped", EventType.CANCEL, "loop", "cancelled by the runner"),
      new Event(20, null, EventType.PRINT, "loop", "done"));
    String trace = trace(run(outcome("tasks", EventLog.of(events), null)), TaskLinks.UNKNOWN, TraceReport.Limits.DEFAULT);

    List<JsonObject> begins = TraceFormat.events(trace, "b");
    assertEquals("finished", named(begins, "ok").getJsonObject("args").getString("end"));
    assertEquals(new JsonObject().put("scenario", "tasks").put("end", "failed").put("reason", "boom"),
      named(begins, "bad").getJsonObject("args"));
    assertEquals("cancelled by the runner", named(begins, "stopped").getJsonObject("args").getString("reason"));
    assertEquals("running", named(begins, "forever").getJsonObject("args").getString("end"));
    List<JsonObject> ends = TraceFormat.events(trace, "e");
    assertEquals(20000, named(ends, "forever").getDouble("ts"), "still running: drawn to the last event");
    assertEquals(20000, named(ends, "sleep").getDouble("ts"), "an unfinished sleep ends with its task");
  }

  @Test
  void aTaskThatRanOnAnotherNodeIsInThatNodesProcess() throws IOException {
    List<Event> events = List.of(
      new Event(0, "task-1", EventType.START, "vert.x-eventloop-thread-0", ""),
      new Event(1, "task-2", EventType.START, "vert.x-eventloop-thread-0", ""),
      new Event(5, "task-1", EventType.PRINT, "vert.x-eventloop-thread-0", "task-1 done"),
      new Event(6, "task-1", EventType.FINISH, "vert.x-eventloop-thread-0", ""),
      new Event(7, "task-2", EventType.FINISH, "vert.x-eventloop-thread-0", ""));
    JsonObject result = TaskNodes.put(new JsonObject(), Map.of("task-1", "node-b"));
    String trace = trace(run(outcome("distributed-gather", EventLog.of(events), result)), TaskLinks.UNKNOWN,
      TraceReport.Limits.DEFAULT);

    List<JsonObject> processes = TraceFormat.events(trace, "M").stream().filter(e -> e.getString("name").equals("process_name")).toList();
    assertEquals(List.of("local", "node-b"), processes.stream().map(e -> e.getJsonObject("args").getString("name")).toList());
    List<JsonObject> begins = TraceFormat.events(trace, "b");
    JsonObject task1 = named(begins, "task-1");
    assertEquals(2, task1.getInteger("pid"));
    assertEquals("node-b", task1.getJsonObject("args").getString("node"));
    assertEquals(1, named(begins, "task-2").getInteger("pid"));
    JsonObject line = named(TraceFormat.events(trace, "i"), "task-1 done");
    assertEquals(2, line.getInteger("pid"));
    assertNotEquals(named(begins, "task-2").getInteger("tid"), line.getInteger("tid"),
      "a thread number belongs to one process");
  }

  @Test
  void scenariosShareOneTimeAxisFromTheRunsStartWithIdsOfTheirOwn() throws Exception {
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    for (String id : List.of("async-def", "futures")) {
      Recorder recorder = new Recorder(event -> { });
      int task = recorder.addTask("A");
      recorder.record(task, EventType.START, "loop", "");
      recorder.record(task, EventType.FINISH, "loop", "");
      outcomes.add(outcome(id, recorder.log(), null));
      Thread.sleep(20);
    }
    String trace = trace(run(outcomes.toArray(ScenarioOutcome[]::new)), TaskLinks.UNKNOWN, TraceReport.Limits.DEFAULT);

    List<JsonObject> begins = TraceFormat.events(trace, "b");
    long secondStart = outcomes.get(1).log().startNanos() - outcomes.get(0).log().startNanos();
    assertEquals(0, named(begins, "async-def").getDouble("ts"));
    assertEquals(secondStart / 1000.0, named(begins, "futures").getDouble("ts"), 0.001);
    List<JsonObject> tasks = begins.stream().filter(e -> e.getString("name").equals("A")).toList();
    assertEquals(2, tasks.size());
    assertNotEquals(tasks.get(0).getValue("id"), tasks.get(1).getValue("id"));
    assertTrue(tasks.get(1).getDouble("ts") >= secondStart / 1000.0);
  }

  @Test
  void pastTheLimitsTasksLinesAndWaitsAreCountedNotWritten() throws IOException {
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      events.add(new Event(k, "T" + k, EventType.START, "loop", ""));
      events.add(new Event(k + 0.5, "T" + k, EventType.SLEEP, "loop", "1"));
    }
    for (int k = 0; k < 5; k++) {
      events.add(new Event(10 + k, "T" + k, EventType.PRINT, "loop", "T" + k + " done"));
      events.add(new Event(10.5 + k, "T" + k, EventType.FINISH, "loop", ""));
      events.add(new Event(10.6 + k, null, EventType.WARN, "loop", "late " + k));
    }
    String trace = trace(run(outcome("gather-results", EventLog.of(events), null)), TaskLinks.UNKNOWN,
      new TraceReport.Limits(2, 4, 1));

    List<JsonObject> begins = TraceFormat.events(trace, "b");
    assertEquals(List.of("gather-results", "T0", "sleep 1 ms", "T1"), begins.stream().map(e -> e.getString("name")).toList());
    assertEquals(4, TraceFormat.events(trace, "i").size());
    JsonObject labels = named(TraceFormat.events(trace, "M"), "process_labels");
    assertEquals("gather-results: not drawn 3 tasks past the first 2 and 3 lines past the first 4"
      + " and 1 waits (past the first 1 or overlapping another)", labels.getJsonObject("args").getString("labels"));
    JsonObject notDrawn = new JsonObject(trace).getJsonObject("otherData").getJsonArray("notDrawn").getJsonObject(0);
    assertEquals(new JsonObject().put("scenario", "gather-results").put("tasks", 3).put("instants", 3).put("slices", 1), notDrawn);
  }

  @Test
  void aLargeRunIsWrittenBoundedAndInOrder() throws IOException {
    List<Event> events = new ArrayList<>();
    int count = 50_000;
    for (int k = 0; k < count; k++) {
      events.add(new Event(k * 0.001, "Task-" + k, EventType.START, "loop", ""));
    }
    for (int k = 0; k < count; k++) {
      events.add(new Event(1000 + k * 0.001, "Task-" + k, EventType.FINISH, "loop", ""));
    }
    String trace = trace(run(outcome("gather-results", EventLog.of(events), null)), TaskLinks.UNKNOWN, TraceReport.Limits.DEFAULT);

    assertEquals(TraceReport.Limits.DEFAULT.tasks() + 1, TraceFormat.events(trace, "b").size(), "the first 10,000 tasks and the scenario");
    assertTrue(trace.length() < 5_000_000, "bounded: " + trace.length());
    double last = -1;
    for (String line : trace.split("\n")) {
      int at = line.indexOf("\"ts\":");
      if (at >= 0) {
        double ts = Double.parseDouble(line.substring(at + 5).split("[,}]")[0]);
        assertTrue(ts >= last, "in time order: " + line);
        last = ts;
      }
    }
  }

  @Test
  void timesAreWrittenInMicrosecondsWithoutAnExponent() {
    assertEquals("0", TraceReport.micros(0));
    assertEquals("1.5", TraceReport.micros(1500));
    assertEquals("1000", TraceReport.micros(1_000_000));
    assertEquals("3600000000.001", TraceReport.micros(3_600_000_000_001L));
  }

  @Test
  void theFormatCheckFindsWhatAViewerWouldDropOrMisplace() {
    String names = "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"local\"}},"
      + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"loop\"}}";
    Map<String, String> broken = Map.of(
      "not a JSON object", "{\"traceEvents\":[",
      "no traceEvents array", "{\"events\":[]}",
      "a b never ended", "{\"traceEvents\":[" + names + ",{\"name\":\"A\",\"cat\":\"task\",\"ph\":\"b\",\"ts\":1,\"pid\":1,\"tid\":1,\"id\":1}]}",
      "an e without its b", "{\"traceEvents\":[" + names + ",{\"name\":\"A\",\"cat\":\"task\",\"ph\":\"e\",\"ts\":1,\"pid\":1,\"tid\":1,\"id\":1},"
        + "{\"name\":\"A\",\"cat\":\"task\",\"ph\":\"b\",\"ts\":2,\"pid\":1,\"tid\":1,\"id\":1}]}",
      "an instant needs a scope", "{\"traceEvents\":[" + names + ",{\"name\":\"x\",\"cat\":\"print\",\"ph\":\"i\",\"ts\":1,\"pid\":1,\"tid\":1}]}",
      "pid and tid must be whole numbers", "{\"traceEvents\":[{\"name\":\"x\",\"cat\":\"print\",\"ph\":\"i\",\"ts\":1,\"pid\":1,\"s\":\"t\"}]}",
      "ts must be a number", "{\"traceEvents\":[" + names + ",{\"name\":\"x\",\"cat\":\"print\",\"ph\":\"i\",\"pid\":1,\"tid\":1,\"s\":\"t\"}]}",
      "no thread_name for tid 2", "{\"traceEvents\":[" + names + ",{\"name\":\"x\",\"cat\":\"print\",\"ph\":\"i\",\"ts\":1,\"pid\":1,\"tid\":2,\"s\":\"t\"}]}",
      "without a slice of its thread", "{\"traceEvents\":[" + names + ",{\"name\":\"await\",\"cat\":\"await\",\"ph\":\"s\",\"ts\":1,\"pid\":1,\"tid\":1,\"id\":7},"
        + "{\"name\":\"await\",\"cat\":\"await\",\"ph\":\"f\",\"bp\":\"e\",\"ts\":2,\"pid\":1,\"tid\":1,\"id\":7}]}",
      "not one s then one f", "{\"traceEvents\":[" + names + ",{\"name\":\"a\",\"cat\":\"await\",\"ph\":\"X\",\"dur\":0,\"ts\":1,\"pid\":1,\"tid\":1},"
        + "{\"name\":\"await\",\"cat\":\"await\",\"ph\":\"s\",\"ts\":1,\"pid\":1,\"tid\":1,\"id\":7}]}");
    broken.forEach((problem, text) -> {
      List<String> problems = TraceFormat.problems(text);
      assertFalse(problems.isEmpty(), problem);
      assertTrue(problems.stream().anyMatch(p -> p.contains(problem)), problem + " not in " + problems);
    });
  }
}
