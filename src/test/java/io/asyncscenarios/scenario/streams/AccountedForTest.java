package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Tolerance;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Every URL answered or reported" is checked against the timeline, so it can fail. */
class AccountedForTest {

  private static Event ended(String task, EventType type) {
    return new Event(1, task, type, "t", "");
  }

  private static Timeline timeline(int siteCount, List<Event> events, JsonObject... results) {
    JsonObject result = new JsonObject().put("siteCount", siteCount).put("results", new JsonArray(List.of((Object[]) results)));
    return new Timeline(events, result, new JsonObject(), 1, Tolerance.DEFAULT);
  }

  private static JsonObject page(String url) {
    return new JsonObject().put("url", url).put("chars", 10);
  }

  private static JsonObject error(String url) {
    return new JsonObject().put("url", url).put("error", "HTTP 404 Not Found");
  }

  @Test
  void holdsWhenEachResultMatchesHowItsTaskEnded() {
    // The same URL listed twice is two tasks of one name: one finished, one failed.
    assertTrue(HttpScenario.accountedFor(timeline(3,
      List.of(ended("a", EventType.FINISH), ended("a", EventType.ERROR), ended("b", EventType.FINISH)),
      page("a"), error("a"), page("b"))).held());
  }

  @Test
  void failsWhenAResultContradictsItsTask() {
    assertFalse(HttpScenario.accountedFor(timeline(2,
      List.of(ended("a", EventType.ERROR), ended("b", EventType.FINISH)), page("a"), page("b"))).held());
  }

  @Test
  void failsWhenAUrlHasNoResult() {
    assertFalse(HttpScenario.accountedFor(timeline(3,
      List.of(ended("a", EventType.FINISH), ended("b", EventType.FINISH)), page("a"), page("b"))).held());
  }

  @Test
  void failsWhenATaskNeverEnded() {
    assertFalse(HttpScenario.accountedFor(timeline(1, List.of(), page("a"))).held());
  }
}
