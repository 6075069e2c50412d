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
