package io.asyncscenarios.report;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.TaskEnd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStoriesTest {

  private static Event event(double tMs, String task, EventType type, String thread, String message) {
    return new Event(tMs, task, type, thread, message);
  }

  private static TaskStories read(List<Event> events, int maxTasks, int maxWaits) {
    EventLog log = EventLog.of(events);
    return TaskStories.read(log, log.size(), maxTasks, maxWaits);
  }

  /** A wait as (kind, what, fromMs, toMs). */
  private static List<List<Object>> waits(TaskStories.Story story) {
    return story.waits().stream().map(w -> List.<Object>of(w.kind(), w.what(), w.fromMs(), w.toMs())).toList();
  }

  @Test
  void aTaskEndsAtItsFirstEndAndRunsOnTheThreadItsCodePrintsFrom() {
    TaskStories stories = read(List.of(
      event(0, "blocking", EventType.START, "loop", ""),
      event(1, "blocking", EventType.WARN, "checker", "slow"),
      event(2, "blocking", EventType.PRINT, "worker-1", "in a worker"),
      event(3, "blocking", EventType.LOG, "worker-2", "later"),
      event(4, "blocking", EventType.CANCEL, "loop", "cancelled by the runner"),
      event(5, "blocking", EventType.ERROR, "loop", "too late"),
      event(6, "quiet", EventType.START, "loop", ""),
      event(7, "quiet", EventType.ERROR, "loop-2", "boom")), 10, 10);
    TaskStories.Story blocking = stories.of(0);
    assertEquals(0.0, blocking.startMs());
    assertEquals(4.0, blocking.endMs());
    assertEquals(TaskEnd.CANCELLED, blocking.end());
    assertEquals("the runner", blocking.cancelledBy());
    assertNull(blocking.reason());
    assertEquals("worker-1", blocking.home(), "its first printed line, not a warning about it");
    assertEquals("loop", blocking.endThread());
    TaskStories.Story quiet = stories.of(1);
    assertEquals(TaskEnd.FAILED, quiet.end());
    assertEquals("boom", quiet.reason());
    assertEquals("loop", quiet.home(), "no line printed: where it started");
    assertEquals("loop-2", quiet.endThread());
    assertEquals(7.0, stories.lastMs());
  }

  @Test
  void aWaitEndsAtItsOwnWakeOrWithItsTaskAndASleepAtTheTasksNextEvent() {
    String url = "http http://example.com/" + "x".repeat(200);
    TaskStories stories = read(List.of(
      event(0, "a", EventType.START, "loop", ""),
      event(1, "a", EventType.WAIT, "loop", url + "/1"),
      event(2, "a", EventType.WAIT, "loop", url + "/2"),
      event(3, "a", EventType.WAKE, "loop", url + "/2"),
      event(4, "a", EventType.SLEEP, "loop", "10"),
      event(14, "a", EventType.PRINT, "loop", "woke"),
      event(15, "a", EventType.WAIT, "loop", "future"),
      event(20, "a", EventType.FINISH, "loop", ""),
      event(21, "a", EventType.WAKE, "loop", "future"),
      event(30, "b", EventType.START, "loop", ""),
      event(31, "b", EventType.WAIT, "loop", "file read in.txt"),
      event(32, "b", EventType.SLEEP, "loop", "5"),
      event(40, null, EventType.WARN, "checker", "the end")), 10, 10);
    assertEquals(List.of(
      List.of("http", "http://example.com/" + "x".repeat(200) + "/1", 1.0, 20.0),
      // Matched by the whole message, however long.
      List.of("http", "http://example.com/" + "x".repeat(200) + "/2", 2.0, 3.0),
      List.of(TaskStories.TIMER, "10", 4.0, 14.0),
      List.of("future", "", 15.0, 20.0)), waits(stories.of(0)));
    // Still running when the events stop: open until then.
    assertEquals(List.of(List.of("file", "read in.txt", 31.0, 40.0), List.of(TaskStories.TIMER, "5", 32.0, 40.0)),
      waits(stories.of(1)));
  }

  @Test
  void aTaskThatHasEndedWaitsNoMore() {
    TaskStories stories = read(List.of(
      event(0, "a", EventType.START, "loop", ""),
      event(1, "a", EventType.FINISH, "loop", ""),
      event(2, "a", EventType.SLEEP, "loop", "5"),
      event(3, "a", EventType.WAIT, "loop", "future f"),
      event(9, "b", EventType.START, "loop", "")), 10, 10);
    assertEquals(List.of(), stories.of(0).waits());
    assertEquals(0, stories.waitsLeftOut(), "not a wait left out: no wait at all");
  }

  @Test
  void onlyTheFirstTasksAreToldAndTheFirstWaitsKeptTheRestCounted() {
    TaskStories stories = read(List.of(
      event(0, "a", EventType.START, "loop", ""),
      event(1, "b", EventType.START, "loop", ""),
      event(2, "c", EventType.START, "loop", ""),
      event(3, "b", EventType.WAIT, "loop", "future 1"),
      event(4, "a", EventType.SLEEP, "loop", "100"),
      event(5, "c", EventType.SLEEP, "loop", "100"),
      event(6, "b", EventType.SLEEP, "loop", "1"),
      event(7, "b", EventType.PRINT, "loop", "after"),
      event(8, "a", EventType.FINISH, "loop", "")), 2, 2);
    assertEquals(List.of("a", "b"), stories.inOrderOfStart().stream().map(TaskStories.Story::name).toList());
    assertNull(stories.of(2), "past the first tasks: no story");
    assertEquals(List.of(List.of(TaskStories.TIMER, "100", 4.0, 8.0)), waits(stories.of(0)));
    // The first two waits by their start are kept; b's sleep, the third, is counted, and ends nothing it should not.
    assertEquals(List.of(List.of("future", "1", 3.0, 8.0)), waits(stories.of(1)));
    assertEquals(1, stories.waitsLeftOut());
    assertEquals(8.0, stories.lastMs(), "the tasks left out count in the time");
    assertTrue(Double.isNaN(stories.of(1).endMs()));
    assertEquals(TaskEnd.RUNNING, stories.of(1).end());
  }
}
