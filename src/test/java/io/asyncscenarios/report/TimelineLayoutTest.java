package io.asyncscenarios.report;

import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineLayoutTest {

  private static Event event(double tMs, String task, EventType type, String thread) {
    return new Event(tMs, task, type, thread, type == EventType.PRINT ? "line" : "");
  }

  @Test
  void oneLanePerTaskWithBarsFromStartToEnd() {
    List<Event> events = List.of(
      event(0, "Task-1", EventType.START, "loop"),
      event(1, "A", EventType.START, "loop"),
      event(2, "B", EventType.START, "loop"),
      event(1001, "B", EventType.FINISH, "loop"),
      event(2001, "A", EventType.ERROR, "loop"),
      event(3000, "Task-1", EventType.CANCEL, "loop"));
    TimelineLayout layout = TimelineLayout.of(events, Map.of());
    assertEquals(3, layout.laneCount());
    TimelineLayout.Lane a = layout.groups().get(0).lanes().get(1);
    TimelineLayout.Lane b = layout.groups().get(0).lanes().get(2);
    assertEquals(2000, a.durationMs());
    assertEquals(999, b.durationMs());
    assertEquals("failed", a.outcome());
    assertEquals("finished", b.outcome());
    assertEquals("cancelled", layout.groups().get(0).lanes().get(0).outcome());
  }

  @Test
  void barWidthsInTheSvgAreProportionalToDurations() {
    List<Event> events = List.of(
      event(0, "long", EventType.START, "loop"), event(3000, "long", EventType.FINISH, "loop"),
      event(0, "short", EventType.START, "loop"), event(1000, "short", EventType.FINISH, "loop"));
    StringBuilder svg = new StringBuilder();
    HtmlReport.svg(svg, TimelineLayout.of(events, Map.of()));
    double longWidth = width(svg.toString(), "long");
    double shortWidth = width(svg.toString(), "short");
    assertEquals(HtmlReport.WIDTH, longWidth, 0.01);
    assertEquals(3.0, longWidth / shortWidth, 0.001);
  }

  @Test
  void lanesGroupByTheThreadTheirCodeRanOnOrTheNodeThatRanThem() {
    List<Event> events = List.of(
      event(0, "blocking", EventType.START, "vert.x-eventloop-thread-0"),
      event(1, "blocking", EventType.PRINT, "vert.x-worker-thread-3"),
      event(5, "blocking", EventType.FINISH, "vert.x-eventloop-thread-0"),
      event(6, "task-1", EventType.START, "vert.x-eventloop-thread-0"),
      event(9, "task-1", EventType.FINISH, "vert.x-eventloop-thread-0"));
    TimelineLayout layout = TimelineLayout.of(events, Map.of("task-1", "node-a"));
    assertEquals(List.of("thread vert.x-worker-thread-3", "node node-a"), layout.groups().stream().map(TimelineLayout.Group::name).toList());
  }

  @Test
  void theNodeThatRanEachTaskComesFromTheResultsDocumentedNodes() {
    List<Event> events = List.of(
      event(0, "task-1", EventType.START, "vert.x-eventloop-thread-0"),
      event(3, "task-2", EventType.START, "vert.x-eventloop-thread-0"),
      event(9, "task-1", EventType.FINISH, "vert.x-eventloop-thread-0"),
      event(9, "task-2", EventType.FINISH, "vert.x-eventloop-thread-0"));
    JsonObject result = TaskNodes.put(new JsonObject().put("results", new JsonArray()), Map.of("task-1", "node-a", "task-2", "node-b"));
    ScenarioOutcome outcome = new ScenarioOutcome(null, Status.PASSED, 9, null, List.of(), EventLog.of(events), result);
    assertEquals(List.of("node node-a", "node node-b"),
      TimelineLayout.of(outcome).groups().stream().map(TimelineLayout.Group::name).toList());
  }

  @Test
  void ticksAreRoundAndFewInMillisecondsOrSeconds() {
    assertEquals(List.of("0 ms", "20 ms", "40 ms", "60 ms", "80 ms", "100 ms", "120 ms"),
      TimelineLayout.ticks(120).stream().map(TimelineLayout.Tick::label).toList());
    assertEquals(List.of("0 s", "1 s", "2 s", "3 s", "4 s", "5 s", "6 s", "7 s", "8 s", "9 s"),
      TimelineLayout.ticks(9060).stream().map(TimelineLayout.Tick::label).toList());
  }

  @Test
  void eventsOutsideAnyTaskAreMarksWithoutABar() {
    List<Event> events = List.of(
      event(0, "A", EventType.START, "loop"),
      new Event(5, null, EventType.WARN, "loop", "slow"),
      event(10, "A", EventType.FINISH, "loop"));
    StringBuilder svg = new StringBuilder();
    HtmlReport.svg(svg, TimelineLayout.of(events, Map.of()));
    assertTrue(svg.toString().contains("class=\"mark warn\""), svg.toString());
    assertFalse(svg.toString().contains("data-task=\"(no task)\""), "no bar says that no task still runs: " + svg);
  }

  @Test
  void lanesAreTheTaskStoriesAndTheEventsOutsideAnyTaskTakeTheirPlaceByTheirFirstEvent() {
    List<Event> events = List.of(
      event(0, "A", EventType.START, "loop"),
      new Event(2, null, EventType.WARN, "loop", "slow"),
      event(3, "B", EventType.START, "loop"),
      event(4, "B", EventType.PRINT, "worker"),
      event(6, "A", EventType.FINISH, "loop"),
      event(7, "A", EventType.ERROR, "loop"));
    TimelineLayout layout = TimelineLayout.of(events, Map.of());
    List<TimelineLayout.Lane> lanes = layout.groups().stream().flatMap(g -> g.lanes().stream()).toList();
    assertEquals(List.of(0, -1, 1), lanes.stream().map(TimelineLayout.Lane::id).toList());
    assertEquals(List.of("thread loop", "thread worker"), layout.groups().stream().map(TimelineLayout.Group::name).toList());
    TaskStories stories = TaskStories.read(EventLog.of(events), events.size(), TimelineLayout.MAX_LANES, 0);
    for (TimelineLayout.Lane lane : lanes.stream().filter(l -> l.id() >= 0).toList()) {
      TaskStories.Story story = stories.of(lane.id());
      assertEquals(story.end().label(), lane.outcome());
      assertEquals(story.startMs(), lane.startMs());
      assertEquals(Double.isNaN(story.endMs()) ? stories.lastMs() : story.endMs(), lane.endMs());
    }
    assertEquals("finished", lanes.get(0).outcome(), "the first end counts");
    assertEquals(List.of("slow"), lanes.get(1).marks().stream().map(TimelineLayout.Mark::message).toList());
    assertEquals(0, layout.hiddenLanes());
  }

  @Test
  void textIsEscaped() {
    assertEquals("&lt;b&gt; &amp; &quot;q&quot;", HtmlReport.escape("<b> & \"q\""));
  }

  static double width(String svg, String task) {
    int at = svg.indexOf("data-task=\"" + task + "\"");
    int w = svg.indexOf("width=\"", at) + 7;
    return Double.parseDouble(svg.substring(w, svg.indexOf('"', w)));
  }
}
