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
 *             "reason" (null unless failed), "cancelledBy" (null unless known), "creator", "awaitedBy", "awaitedAtMs",
 *             "hiddenAwaited" (how many tasks not drawn it awaits), "hiddenAwaitedFromMs", "hiddenAwaitedToMs"
 *             (from when it awaits the first of them, until the last of them ended; null: one never ended; both
 *             -1 when it awaits none)}],
 *  "events": [[tMs, task (-1: outside any task), type, message]],
 *  "waits": [[task, fromMs, toMs, kind (timer|http|file|worker|future|event-bus|...), what]] (task by task, as they started),
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
    for (int i = 0; i < size && events.size() < MAX_EVENTS; i++) {
      int task = log.task(i);
      if (task >= TimelineLayout.MAX_LANES) {
        continue;
      }
      events.add(new JsonArray().add(micros(log.tMs(i))).add(task).add(log.type(i).label()).add(cut(log.message(i))));
    }
    // Every event not replayed: those of the tasks not drawn, and those past MAX_EVENTS.
    long eventsLeftOut = size - (long) events.size();
    HiddenAwaits hidden = HiddenAwaits.read(log, size, TimelineLayout.MAX_LANES);
    JsonArray taskList = new JsonArray();
    JsonArray waitList = new JsonArray();
    for (TaskStories.Story story : stories.inOrderOfStart()) {
      taskList.add(task(log, story, hidden));
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

  private static JsonObject task(EventLog log, TaskStories.Story story, HiddenAwaits hidden) {
    int id = story.number();
    int count = hidden.count[id];
    Double toMs = count == 0 ? Double.valueOf(-1) : Double.isNaN(hidden.toMs[id]) ? null : Double.valueOf(micros(hidden.toMs[id]));
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
      .put("awaitedAtMs", micros(awaitedAtMs(log, id)))
      .put("hiddenAwaited", count)
      .put("hiddenAwaitedFromMs", count == 0 ? -1 : micros(hidden.fromMs[id]))
      .put("hiddenAwaitedToMs", toMs);
  }

  /**
   * For each task drawn (numbered below {@code drawn}), the tasks not drawn that it awaits: how many, from when
   * it awaited the first, until when the last of them ended (NaN: one never ended by the first {@code size}
   * events). One pass over the log's task columns, three arrays of the drawn tasks' size: a million tasks
   * awaited by the main task (gather) cost no object each.
   */
  static final class HiddenAwaits {
    final int[] count;
    final double[] fromMs;
    final double[] toMs;

    private HiddenAwaits(int drawn) {
      count = new int[drawn];
      fromMs = new double[drawn];
      toMs = new double[drawn];
    }

    static HiddenAwaits read(EventLog log, int size, int drawn) {
      int tasks = log.taskCount();
      HiddenAwaits hidden = new HiddenAwaits(Math.max(0, Math.min(tasks, drawn)));
      for (int task = drawn; task < tasks; task++) {
        int awaiter = log.awaiter(task);
        if (awaiter < 0 || awaiter >= hidden.count.length) {
          continue;
        }
        double at = log.awaitedAtMs(task);
        int endEvent = log.endEvent(task);
        double end = endEvent >= 0 && endEvent < size ? log.tMs(endEvent) : Double.NaN;
        if (hidden.count[awaiter]++ == 0) {
          hidden.fromMs[awaiter] = at;
          hidden.toMs[awaiter] = end;
        } else {
          hidden.fromMs[awaiter] = Math.min(hidden.fromMs[awaiter], at);
          // NaN, never ended, wins: the awaiter waits until the events stop.
          hidden.toMs[awaiter] = Double.isNaN(hidden.toMs[awaiter]) || Double.isNaN(end) ? Double.NaN : Math.max(hidden.toMs[awaiter], end);
        }
      }
      return hidden;
    }
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
