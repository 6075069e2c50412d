package io.asyncscenarios.report;

import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report's time cursor needs to replay one scenario, as the JSON the page embeds: the
 * tasks the timeline draws (when each started and ended, how, who created it and who awaits it), their
 * events in time order, the waits those events imply, and the claims with the moment each is decided.
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
 *  "waits": [[task, fromMs, toMs, kind (timer|http|file|worker|future), what]],
 *  "claims": [{"text", "held", "atMs" (-1: at the end)}]}
 * </pre>
 */
final class TeachingData {

  /** Events in one scenario's data: a page that opens quickly, and every event of a few hundred tasks. */
  static final int MAX_EVENTS = 5000;
  static final int MAX_WAITS = 5000;
  static final int MAX_MESSAGE = 300;

  private static final String CANCELLED_BY = "cancelled by ";

  private TeachingData() {
  }

  static JsonObject of(ScenarioOutcome outcome) {
    return of(outcome.log(), outcome.eventCount(), outcome.claims());
  }

  /** One pass over the first {@code size} events of {@code log}. */
  static JsonObject of(EventLog log, int size, List<ClaimResult> claims) {
    double totalMs = 0;
    Map<Integer, TaskBuilder> tasks = new LinkedHashMap<>();
    JsonArray events = new JsonArray();
    Waits waits = new Waits();
    int eventsLeftOut = 0;
    for (int i = 0; i < size; i++) {
      double tMs = log.tMs(i);
      totalMs = Math.max(totalMs, tMs);
      int task = log.task(i);
      if (task >= TimelineLayout.MAX_LANES) {
        continue;
      }
      // By label, not by EventType: the types a newer log records (wait, wake) are read the same way.
      String type = log.type(i).label();
      String message = log.message(i);
      if (events.size() < MAX_EVENTS) {
        events.add(new JsonArray().add(micros(tMs)).add(task).add(type).add(cut(message)));
      } else {
        eventsLeftOut++;
      }
      if (task >= 0) {
        tasks.computeIfAbsent(task, id -> new TaskBuilder(id, log.taskName(id), tMs)).add(tMs, type, message, waits);
      }
    }
    JsonArray taskList = new JsonArray();
    for (TaskBuilder task : tasks.values()) {
      taskList.add(task.toJson(log, totalMs, waits));
    }
    JsonArray claimList = new JsonArray();
    for (ClaimResult claim : claims) {
      claimList.add(new JsonObject().put("text", claim.text()).put("held", claim.held()).put("atMs", micros(decidedAtMs(claim))));
    }
    return new JsonObject()
      .put("totalMs", micros(totalMs))
      .put("hiddenTasks", Math.max(0, log.taskCount() - tasks.size()))
      .put("eventsLeftOut", eventsLeftOut)
      .put("waitsLeftOut", waits.leftOut)
      .put("tasks", taskList)
      .put("events", events)
      .put("waits", waits.list)
      .put("claims", claimList);
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

  /** The waits of all tasks, bounded: [task, fromMs, toMs, kind, what]. */
  private static final class Waits {
    final JsonArray list = new JsonArray();
    int leftOut;

    void add(int task, double fromMs, double toMs, String kind, String what) {
      if (list.size() < MAX_WAITS) {
        list.add(new JsonArray().add(task).add(micros(fromMs)).add(micros(toMs)).add(kind).add(cut(what)));
      } else {
        leftOut++;
      }
    }
  }

  /** One task's start, end and open waits, as its events come. */
  private static final class TaskBuilder {
    final int id;
    final String name;
    final double startMs;
    Double endMs;
    String end = "running";
    String reason;
    String cancelledBy;
    // A sleep (a timer) ends at the task's next event; a wait ends at the wake with the same message.
    double sleepFromMs = Double.NaN;
    String sleepMs = "";
    final List<Object[]> open = new ArrayList<>();

    TaskBuilder(int id, String name, double startMs) {
      this.id = id;
      this.name = name;
      this.startMs = startMs;
    }

    void add(double tMs, String type, String message, Waits waits) {
      if (!Double.isNaN(sleepFromMs)) {
        waits.add(id, sleepFromMs, tMs, "timer", sleepMs);
        sleepFromMs = Double.NaN;
      }
      switch (type) {
        case "sleep" -> {
          sleepFromMs = tMs;
          sleepMs = message;
        }
        case "wait" -> open.add(new Object[] {tMs, message});
        case "wake" -> {
          for (int i = 0; i < open.size(); i++) {
            if (open.get(i)[1].equals(message)) {
              close(open.remove(i), tMs, waits);
              break;
            }
          }
        }
        case "finish" -> end(tMs, "finished", waits);
        case "error" -> {
          if (end(tMs, "failed", waits)) {
            reason = message;
          }
        }
        case "cancel" -> {
          if (end(tMs, "cancelled", waits) && message.startsWith(CANCELLED_BY)) {
            cancelledBy = message.substring(CANCELLED_BY.length());
          }
        }
        default -> {
        }
      }
    }

    private boolean end(double tMs, String how, Waits waits) {
      if (endMs != null) {
        return false;
      }
      endMs = tMs;
      end = how;
      closeAll(tMs, waits);
      return true;
    }

    private void closeAll(double tMs, Waits waits) {
      for (Object[] wait : open) {
        close(wait, tMs, waits);
      }
      open.clear();
    }

    /** A wait's message is {@code <kind> <what>}. */
    private void close(Object[] wait, double toMs, Waits waits) {
      String message = (String) wait[1];
      int space = message.indexOf(' ');
      waits.add(id, (double) wait[0], toMs, space < 0 ? message : message.substring(0, space),
        space < 0 ? "" : message.substring(space + 1));
    }

    JsonObject toJson(EventLog log, double totalMs, Waits waits) {
      // Waits still open when the events stop hold to the end of the timeline.
      if (!Double.isNaN(sleepFromMs)) {
        waits.add(id, sleepFromMs, totalMs, "timer", sleepMs);
        sleepFromMs = Double.NaN;
      }
      closeAll(totalMs, waits);
      return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("startMs", micros(startMs))
        .put("endMs", endMs == null ? null : micros(endMs))
        .put("end", end)
        .put("reason", reason)
        .put("cancelledBy", cancelledBy)
        .put("creator", creator(log, id))
        .put("awaitedBy", awaiter(log, id))
        .put("awaitedAtMs", micros(awaitedAtMs(log, id)));
    }
  }
}
