package io.asyncscenarios.claim;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds the claim checker runs that went wrong, recorded by hand, and expects it to say so.
 */
class ClaimCheckTest {

  @Test
  void concurrentTotalEqualToTheSumIsNotHeld() {
    List<Event> events = new ArrayList<>();
    events.add(event(0, "Task-1", EventType.START));
    phase(events, "sequential", 0, 6000, "Task 1 (blocking)", "Task 2 (blocking)", "Task 3 (blocking)");
    // A "concurrent" run that ran one task after another: 6 s, and in start order.
    phase(events, "concurrent", 6000, 12000, "Task 1", "Task 2", "Task 3");
    events.add(event(12000, "Task-1", EventType.FINISH));
    List<ClaimResult> claims = check("sync-vs-async", events, new JsonObject().put("maxHeartbeatGapMs", 20.0));

    assertTrue(claim(claims, "sequential total").held());
    ClaimResult concurrent = claim(claims, "concurrent total");
    assertFalse(concurrent.held());
    assertEquals("6000 ms", concurrent.actual());
    assertFalse(claim(claims, "finish shortest first").held());
  }

  @Test
  void eachClaimIsDecidedWhenTheRunItIsAboutEnds() {
    List<Event> events = new ArrayList<>();
    events.add(event(0, "Task-1", EventType.START));
    phase(events, "sequential", 0, 6000, "Task 1 (blocking)", "Task 2 (blocking)", "Task 3 (blocking)");
    phase(events, "concurrent", 6000, 9000, "Task 1", "Task 2", "Task 3");
    events.add(event(9001, "Task-1", EventType.FINISH));
    // Leftovers cancelled after the scenario's end do not move it.
    events.add(event(9500, "leftover", EventType.CANCEL));
    List<ClaimResult> claims = check("sync-vs-async", events, new JsonObject().put("maxHeartbeatGapMs", 20.0));
    assertEquals(6000, claim(claims, "sequential total").atMs());
    assertEquals(9000, claim(claims, "concurrent total").atMs());
    assertEquals(6000, claim(claims, "never blocked").atMs());

    List<ClaimResult> gather = check("gather-basics", List.of(
      event(0, "Task-1", EventType.START), event(1, "task1", EventType.START), event(2, "task2", EventType.START),
      event(1002, "task2", EventType.FINISH), event(2001, "task1", EventType.FINISH), event(2003, "Task-1", EventType.FINISH)),
      new JsonObject());
    assertEquals(1002, claim(gather, "shorter finishes first").atMs(), "when the first one finished");
    assertEquals(2003, claim(gather, "total").atMs(), "a claim without a moment: the main task's end");
  }

  @Test
  void aMomentThatCannotBeFoundIsTheScenariosEnd() {
    // The concurrent run never ended: its claims cannot name that moment, and fall back to the last event.
    List<Event> events = new ArrayList<>();
    events.add(event(0, "Task-1", EventType.START));
    phase(events, "sequential", 0, 6000, "Task 1 (blocking)", "Task 2 (blocking)", "Task 3 (blocking)");
    events.add(event(6500, "concurrent", EventType.START));
    List<ClaimResult> claims = check("sync-vs-async", events, new JsonObject().put("maxHeartbeatGapMs", 20.0));
    assertFalse(claim(claims, "concurrent total").held());
    assertEquals(6500, claim(claims, "concurrent total").atMs());
    assertEquals(6000, claim(claims, "sequential total").atMs());
  }

  @Test
  void aBlockedEventLoopIsNotHeld() {
    List<Event> events = new ArrayList<>();
    events.add(event(0, "Task-1", EventType.START));
    phase(events, "sequential", 0, 6000, "Task 1 (blocking)", "Task 2 (blocking)", "Task 3 (blocking)");
    events.add(event(6000, "Task-1", EventType.FINISH));
    List<ClaimResult> claims = check("sync-vs-async", events, new JsonObject().put("maxHeartbeatGapMs", 2000.0));
    assertFalse(claim(claims, "never blocked").held());
  }

  @Test
  void aWrongFinishOrderIsNotHeld() {
    List<Event> events = new ArrayList<>();
    events.add(event(0, "Task-1", EventType.START));
    events.add(event(1, "Task 1", EventType.START));
    events.add(event(2, "Task 2", EventType.START));
    events.add(event(3, "Task 3", EventType.START));
    events.add(event(3000, "Task 1", EventType.FINISH));
    events.add(event(3500, "Task 2", EventType.FINISH));
    events.add(event(4000, "Task 3", EventType.FINISH));
    events.add(event(4001, "Task-1", EventType.FINISH));
    JsonObject result = new JsonObject().put("value", new JsonArray().add("Task 1 result").add("Task 2 result").add("Task 3 result"));
    List<ClaimResult> claims = check("gather-results", events, result);
    ClaimResult order = claim(claims, "finish shortest first");
    assertFalse(order.held());
    assertEquals("each task to finish when its wait ends", order.expected());
    assertEquals("Task 2 (due at 2002 ms) finished after Task 1 (due at 3001 ms)", order.actual());
    assertTrue(claim(claims, "total").held());
  }

  @Test
  void aHandMadeLoopWhoseCloseFailedIsNotClosed() {
    // close() failed: the scenario's result says so, and the claim must not hold.
    List<ClaimResult> claims = check("event-loop", List.of(), new JsonObject().put("handMadeClosed", false));
    ClaimResult closed = claim(claims, "hand-made instance is closed");
    assertFalse(closed.held());
    assertEquals("false", closed.actual());
  }

  @Test
  void aClaimThatCannotBeCheckedIsNotHeld() {
    List<ClaimResult> claims = check("gather-results", List.of(), new JsonObject());
    assertTrue(claims.stream().noneMatch(ClaimResult::held));
  }

  private static void phase(List<Event> events, String phase, double from, double to, String... tasks) {
    events.add(event(from, phase, EventType.START));
    double step = (to - from) / tasks.length;
    for (int i = 0; i < tasks.length; i++) {
      events.add(event(from + i * step, tasks[i], EventType.START));
      events.add(event(from + (i + 1) * step, tasks[i], EventType.FINISH));
    }
    events.add(event(to, phase, EventType.FINISH));
  }

  private static Event event(double tMs, String task, EventType type) {
    return new Event(tMs, task, type, "test", "");
  }

  private static List<ClaimResult> check(String id, List<Event> events, JsonObject result) {
    ScenarioInfo info = Catalog.standard().find(id).orElseThrow();
    Timeline timeline = new Timeline(events, result, info.params().defaults(), 1.0, Tolerance.DEFAULT);
    return info.create().claims().stream().map(c -> c.checkOn(timeline)).toList();
  }

  private static ClaimResult claim(List<ClaimResult> claims, String textPart) {
    return claims.stream().filter(c -> c.text().contains(textPart)).findFirst().orElseThrow();
  }
}
