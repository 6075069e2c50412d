package io.asyncscenarios.report;

import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the HTML report's time cursor needs to replay one scenario, as the JSON the page embeds: the
 * tasks the timeline draws (when each started and ended, how, who created it and who awaits it), their
 * events in time order, the waits those events imply (both as {@link TaskStories} reads them), and the
 * claims with the moment each is decided.
 * Bounded whatever the run: the tasks numbered below {@link TimelineLayout#MAX_LANES}, at most
 * {@link #MAX_EVENTS} events and {@link #MAX_WAITS} waits, messages cut at {@link #MAX_MESSAGE}
 * characters; what is left out is counted.
 *
 * <p>The shape (read by {@code report/teacher.js}):
 * <pre>
 * {"totalMs", "hiddenTasks", "eventsLeftOut", "waitsLeftOut",
 *  "tasks": [{"id", "name", "startMs", "endMs" (null: never ended), "end" (finished|failed|cancelled|running),
 *             "reason" (null unless failed), "cancelledBy" (null unless known), "creator", "awaitedBy", "awaitedAtMs"}],
 *  "events": [[tMs, task (-1: outside any task), type, message]],
 *  "waits": [[task, fromMs, toMs, kind (timer|http|file|worker|future), what]] (task by task, as they started),
 *  "claims": [{"text", "held", "atMs" (-1: at the end)}]}
 * </pre>
 */
final class TeachingData {

  /** Events in one scenario's data: a page that opens quickly, and every event of a few hundred tasks. */
  static final int MAX_EVENTS = 5000;
  static final int MAX_WAITS = 5000;
  static final int MAX_MESSAGE = 300;

  private TeachingData() {
  }

  static JsonObject of(ScenarioOutcome outcome) {
    return of(outcome.log(), outcome.eventCount(), outcome.claims());
  }

  /** The first {@code size} events of {@code log}: read once for the tasks' stories, once for the events. */
  static JsonObject of(EventLog log, int size, List<ClaimResult> claims) {
    TaskStories stories = TaskStories.read(log, size, TimelineLayout.MAX_LANES, MAX_WAITS);
    JsonArray events = new JsonArray();
    int eventsLeftOut = 0;
    for (int i = 0; i < size; i++) {
      int task = log.task(i);
      if (task >= TimelineLayout.MAX_LANES) {
        continue;
      }
      if (events.size() < MAX_EVENTS) {
        events.add(new JsonArray().add(micros(log.tMs(i))).add(task).add(log.type(i).label()).add(cut(log.message(i))));
      } else {
        eventsLeftOut++;
      }
    }
    JsonArray taskList = new JsonArray();
    JsonArray waitList = new JsonArray();
    for (TaskStories.Story story : stories.inOrderOfStart()) {
      taskList.add(task(log, story));
      for (TaskStories.Wait wait : story.waits()) {
        waitList.add(new JsonArray().add(story.number()).add(micros(wait.fromMs())).add(micros(wait.toMs()))
          .add(wait.kind()).add(cut(wait.what())));
      }
    }
    JsonArray claimList = new JsonArray();
    for (ClaimResult claim : claims) {
      claimList.add(new JsonObject().put("text", claim.text()).put("held", claim.held()).put("atMs", micros(decidedAtMs(claim))));
    }
    return new JsonObject()
      .put("totalMs", micros(stories.lastMs()))
      .put("hiddenTasks", Math.max(0, log.taskCount() - stories.inOrderOfStart().size()))
      .put("eventsLeftOut", eventsLeftOut)
      .put("waitsLeftOut", stories.waitsLeftOut())
      .put("tasks", taskList)
      .put("events", events)
      .put("waits", waitList)
      .put("claims", claimList);
  }

  private static JsonObject task(EventLog log, TaskStories.Story story) {
    int id = story.number();
    return new JsonObject()
      .put("id", id)
      .put("name", story.name())
      .put("startMs", micros(story.startMs()))
      .put("endMs", Double.isNaN(story.endMs()) ? null : micros(story.endMs()))
      .put("end", story.end().label())
      .put("reason", story.reason())
      .put("cancelledBy", story.cancelledBy())
      .put("creator", creator(log, id))
      .put("awaitedBy", awaiter(log, id))
      .put("awaitedAtMs", micros(awaitedAtMs(log, id)));
  }

  /** The number of the task that created {@code task}, or -1 (created outside any task). */
  private static int creator(EventLog log, int task) {
    return log.creator(task);
  }

  /** The number of the first task that awaited {@code task}, or -1. */
  private static int awaiter(EventLog log, int task) {
    return log.awaiter(task);
  }

  /** When {@link #awaiter} began to await {@code task}, in ms since the start, or -1. */
  private static double awaitedAtMs(EventLog log, int task) {
    double at = log.awaitedAtMs(task);
    return Double.isNaN(at) ? -1 : at;
  }

  /** When the claim is decided, in ms since the start, or -1: at the end. */
  private static double decidedAtMs(ClaimResult claim) {
    return Double.isNaN(claim.atMs()) ? -1 : claim.atMs();
  }

  /** Milliseconds to the microsecond, as every time in the reports is given. */
  private static double micros(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static String cut(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
