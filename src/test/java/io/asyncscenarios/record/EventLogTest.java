package io.asyncscenarios.record;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventLogTest {

  @Test
  void everyEventReadsBackAsRecordedAcrossChunksAndPages() {
    EventLog log = new EventLog(1_000);
    int task = log.addTask("작업 1");
    // Longer than a page, its one non-ASCII character at the very end; it comes twice, the rest often.
    String longLine = "x".repeat(3 << 20) + "é";
    List<String> messages = List.of("Task 1 started", "", "비동기 🙂 straße", "after the long one", "tail");
    int count = 100_000;
    for (int i = 0; i < count; i++) {
      String message = message(messages, longLine, i);
      log.append(1_000 + i * 1_000_000L, i % 3 == 0 ? -1 : task, EventType.values()[i % EventType.values().length],
        i % 2 == 0 ? "loop-0" : "worker-7", message);
    }
    assertEquals(count, log.size());
    assertEquals(1, log.taskCount());
    for (int i = 0; i < count; i += 997) {
      Event event = log.get(i);
      assertEquals(i, event.tMs(), 1e-9);
      assertEquals(i % 3 == 0 ? null : "작업 1", event.task());
      assertEquals(EventType.values()[i % EventType.values().length], event.type());
      assertEquals(i % 2 == 0 ? "loop-0" : "worker-7", event.thread());
      assertEquals(message(messages, longLine, i), event.message());
    }
    assertEquals(longLine, log.get(3).message());
    assertEquals(longLine, log.get(50_003).message());
  }

  private static String message(List<String> messages, String longLine, int i) {
    return i == 3 || i == 50_003 ? longLine : messages.get(i % messages.size());
  }

  @Test
  void eachTaskKeepsItsCreatorItsFirstAwaiterAndItsFirstEndAcrossChunks() {
    EventLog log = new EventLog(0);
    int count = 10_000;
    int main = log.addTask("main");
    for (int i = 1; i < count; i++) {
      // Task i made by task i / 2, awaited by i - 1 if i is even, at i ms; odd ones nobody awaits.
      assertEquals(i, log.addTask("t" + i, i / 2));
      if (i % 2 == 0) {
        log.awaited(i, i - 1, i * 1_000_000L);
        log.awaited(i, main, (i + 5) * 1_000_000L);
      }
    }
    for (int i = 1; i < count; i++) {
      log.append(i * 1_000_000L, i, i % 3 == 0 ? EventType.ERROR : EventType.FINISH, "loop", i % 3 == 0 ? "boom " + i : "");
    }
    // A second end never replaces the first: a task ends once.
    log.append(count * 1_000_000L, 3, EventType.CANCEL, "loop", TaskEnd.CANCELLED_BY + TaskEnd.BY_RUNNER);
    int[] parents = log.parents();
    assertEquals(-1, log.creator(main));
    assertEquals(-1, parents[main]);
    assertEquals(TaskEnd.RUNNING, log.end(main, log.size()));
    for (int i = 1; i < count; i++) {
      assertEquals("t" + i, log.taskName(i));
      assertEquals(i / 2, log.creator(i));
      assertEquals(i % 2 == 0 ? i - 1 : -1, log.awaiter(i), "task " + i);
      assertEquals(i % 2 == 0 ? i : Double.NaN, log.awaitedAtMs(i), 1e-9);
      assertEquals(i % 2 == 0 ? i - 1 : i / 2, parents[i], "awaiter first, else creator");
      assertEquals(i - 1, log.endEvent(i));
      assertEquals(i % 3 == 0 ? TaskEnd.FAILED : TaskEnd.FINISHED, log.end(i, log.size()));
    }
    assertEquals("boom 3", log.message(log.endEvent(3)));
    // Ended by an event past the count read, a task was still running then.
    assertEquals(TaskEnd.RUNNING, log.end(count - 1, count - 2));
  }

  @Test
  void aRepeatedMessageReadsBackForEveryEvent() {
    EventLog log = new EventLog(0);
    int task = log.addTask("sleeper");
    log.append(1, task, EventType.SLEEP, "loop", "1000");
    log.append(2, task, EventType.PRINT, "loop", "woke");
    log.append(3, task, EventType.SLEEP, "loop", "1000");
    log.append(4, task, EventType.SLEEP, "loop", "250");
    log.append(5, task, EventType.WAIT, "loop", "http http://a/");
    log.append(6, task, EventType.WAKE, "loop", "http http://a/");
    assertEquals(List.of("1000", "woke", "1000", "250", "http http://a/", "http http://a/"),
      log.asList().stream().map(Event::message).toList());
    assertEquals(List.of(EventType.SLEEP, EventType.PRINT, EventType.SLEEP, EventType.SLEEP, EventType.WAIT, EventType.WAKE),
      log.asList().stream().map(Event::type).toList());
  }

  @Test
  void aLogBuiltFromEventsGivesThemBack() {
    List<Event> events = List.of(
      new Event(0.5, "Task-1", EventType.START, "main", ""),
      new Event(1.25, null, EventType.WARN, "checker", "blocked"),
      new Event(2, "Task-1", EventType.FINISH, "main", ""));
    EventLog log = EventLog.of(events);
    assertEquals(events, log.asList());
    assertNull(log.taskName(log.task(1)));
  }
}
