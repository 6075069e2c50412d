package io.asyncscenarios.report;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The rules of the Trace Event Format (Google's "Trace Event Format" document, which Perfetto's JSON importer
 * follows) that a trace of ours must keep, checked on the file's text: what a viewer would drop, misplace or
 * refuse is named here, one problem a line.
 */
public final class TraceFormat {

  private static final Set<String> PHASES = Set.of("b", "e", "i", "s", "f", "X", "M");
  private static final Set<String> METADATA = Set.of("process_name", "process_labels", "process_sort_index", "thread_name",
    "thread_sort_index");

  private TraceFormat() {
  }

  /** The problems of a trace; empty when it keeps every rule. */
  public static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    JsonObject trace;
    try {
      trace = new JsonObject(text);
    } catch (DecodeException e) {
      return List.of("not a JSON object: " + e.getMessage());
    }
    if (!(trace.getValue("traceEvents") instanceof JsonArray events)) {
      return List.of("no traceEvents array");
    }
    if (trace.containsKey("displayTimeUnit") && !(trace.getValue("displayTimeUnit") instanceof String unit
      && List.of("ms", "ns").contains(unit))) {
      problems.add("displayTimeUnit is neither ms nor ns");
    }
    List<JsonObject> timed = new ArrayList<>();
    Map<Integer, String> processNames = new HashMap<>();
    Map<Integer, Integer> threadNames = new HashMap<>();
    Set<List<Integer>> used = new HashSet<>();
    for (int k = 0; k < events.size(); k++) {
      if (!(events.getValue(k) instanceof JsonObject event)) {
        problems.add("event " + k + " is not an object");
        continue;
      }
      String where = "event " + k + " " + event.encode();
      Object ph = event.getValue("ph");
      if (!(ph instanceof String phase) || !PHASES.contains(phase)) {
        problems.add(where + ": ph is not one of " + PHASES);
        continue;
      }
      if (!(event.getValue("pid") instanceof Integer pid) || !(event.getValue("tid") instanceof Integer tid)) {
        problems.add(where + ": pid and tid must be whole numbers");
        continue;
      }
      if (phase.equals("M")) {
        String name = event.getString("name");
        if (!METADATA.contains(name) || event.getJsonObject("args") == null) {
          problems.add(where + ": metadata must be one of " + METADATA + ", with args");
        } else if (name.equals("process_name")) {
          processNames.put(pid, event.getJsonObject("args").getString("name"));
        } else if (name.equals("thread_name")) {
          threadNames.put(tid, pid);
        }
        continue;
      }
      if (!(event.getValue("ts") instanceof Number ts) || ts.doubleValue() < 0) {
        problems.add(where + ": ts must be a number of microseconds >= 0");
        continue;
      }
      if (!(event.getValue("name") instanceof String)) {
        problems.add(where + ": no name");
      }
      switch (phase) {
        case "b", "e", "s", "f" -> {
          if (!(event.getValue("id") instanceof Number) || !(event.getValue("cat") instanceof String)) {
            problems.add(where + ": async and flow events need a numeric id and a cat");
          }
        }
        case "i" -> {
          if (!(event.getValue("s") instanceof String scope) || !List.of("g", "p", "t").contains(scope)) {
            problems.add(where + ": an instant needs a scope s of g, p or t");
          }
        }
        case "X" -> {
          if (!(event.getValue("dur") instanceof Number dur) || dur.doubleValue() < 0) {
            problems.add(where + ": a complete event needs a dur >= 0");
          }
        }
        default -> {
        }
      }
      if (phase.equals("f") && !"e".equals(event.getValue("bp"))) {
        problems.add(where + ": a flow's end binds to its enclosing slice: bp must be e");
      }
      used.add(List.of(pid, tid));
      event.put("#", k);
      timed.add(event);
    }
    for (List<Integer> pidTid : used) {
      if (!processNames.containsKey(pidTid.get(0))) {
        problems.add("no process_name for pid " + pidTid.get(0));
      }
      if (!pidTid.get(0).equals(threadNames.get(pidTid.get(1)))) {
        problems.add("no thread_name for tid " + pidTid.get(1) + " in pid " + pidTid.get(0));
      }
    }
    // The events need not be in order in the file; a viewer sorts them by time (stably here).
    timed.sort(Comparator.comparingDouble(e -> e.getDouble("ts")));
    asyncSlices(timed, problems);
    completeEvents(timed, problems);
    flows(timed, problems);
    return problems;
  }

  /** Async events pair by cat, id and pid, an end after its begin, nested slices ending before their parent. */
  private static void asyncSlices(List<JsonObject> timed, List<String> problems) {
    Map<List<Object>, Deque<JsonObject>> open = new HashMap<>();
    for (JsonObject event : timed) {
      String ph = event.getString("ph");
      if (!ph.equals("b") && !ph.equals("e")) {
        continue;
      }
      List<Object> key = List.of(event.getString("cat"), event.getValue("id").toString(), event.getInteger("pid"));
      Deque<JsonObject> stack = open.computeIfAbsent(key, k -> new ArrayDeque<>());
      if (ph.equals("b")) {
        stack.push(event);
      } else if (stack.isEmpty()) {
        problems.add("an e without its b: " + event.encode());
      } else if (!stack.peek().getString("name").equals(event.getString("name"))) {
        problems.add("an e that ends " + event.getString("name") + " while " + stack.peek().getString("name")
          + " is the innermost open slice of " + key);
      } else {
        stack.pop();
      }
    }
    open.forEach((key, stack) -> stack.forEach(event -> problems.add("a b never ended: " + event.encode())));
  }

  /** Complete events of one thread come in time order in the file, and nest, as duration events must. */
  private static void completeEvents(List<JsonObject> timed, List<String> problems) {
    Map<List<Integer>, Deque<double[]>> open = new HashMap<>();
    Map<List<Integer>, Double> lastTs = new HashMap<>();
    for (JsonObject event : inFileOrder(timed, "X")) {
      List<Integer> thread = List.of(event.getInteger("pid"), event.getInteger("tid"));
      double start = event.getDouble("ts");
      double end = start + event.getDouble("dur");
      Double before = lastTs.put(thread, start);
      if (before != null && before > start) {
        problems.add("complete events of thread " + thread + " out of time order at " + event.encode());
      }
      Deque<double[]> stack = open.computeIfAbsent(thread, t -> new ArrayDeque<>());
      while (!stack.isEmpty() && stack.peek()[1] <= start) {
        stack.pop();
      }
      if (!stack.isEmpty() && end > stack.peek()[1]) {
        problems.add("complete events of thread " + thread + " overlap without nesting at " + event.encode());
      }
      stack.push(new double[] {start, end});
    }
  }

  /**
   * Flow events pair by cat, name and id: one start, one end no earlier; each binds to a slice of its own
   * thread that encloses it, met before it in the file (Perfetto binds a flow to the slice open on its thread
   * as it reads it).
   */
  private static void flows(List<JsonObject> timed, List<String> problems) {
    Map<List<Integer>, List<JsonObject>> slices = new HashMap<>();
    for (JsonObject x : inFileOrder(timed, "X")) {
      slices.computeIfAbsent(List.of(x.getInteger("pid"), x.getInteger("tid")), t -> new ArrayList<>()).add(x);
    }
    Map<List<Object>, List<JsonObject>> flows = new HashMap<>();
    for (JsonObject event : timed) {
      String ph = event.getString("ph");
      if (!ph.equals("s") && !ph.equals("f")) {
        continue;
      }
      flows.computeIfAbsent(List.of(event.getString("cat"), event.getString("name"), event.getValue("id").toString()),
        k -> new ArrayList<>()).add(event);
      double ts = event.getDouble("ts");
      boolean enclosed = slices.getOrDefault(List.of(event.getInteger("pid"), event.getInteger("tid")), List.of()).stream()
        .anyMatch(x -> x.getInteger("#") < event.getInteger("#") && x.getDouble("ts") <= ts
          && x.getDouble("ts") + x.getDouble("dur") >= ts);
      if (!enclosed) {
        problems.add("a flow event without a slice of its thread to bind to: " + event.encode());
      }
    }
    flows.forEach((key, pair) -> {
      List<String> phases = pair.stream().map(e -> e.getString("ph")).toList();
      if (!phases.equals(List.of("s", "f"))) {
        problems.add("flow " + key + " is " + phases + ", not one s then one f");
      } else if (pair.get(1).getDouble("ts") < pair.get(0).getDouble("ts")) {
        problems.add("flow " + key + " ends before it starts");
      }
    });
  }

  private static List<JsonObject> inFileOrder(List<JsonObject> timed, String phase) {
    return timed.stream().filter(e -> e.getString("ph").equals(phase))
      .sorted(Comparator.comparingInt(e -> e.getInteger("#"))).toList();
  }

  /** The events of a trace of the given phase, in file order. */
  public static List<JsonObject> events(String text, String phase) {
    JsonArray events = new JsonObject(text).getJsonArray("traceEvents");
    return IntStream.range(0, events.size()).mapToObj(events::getJsonObject)
      .filter(e -> phase.equals(e.getString("ph"))).toList();
  }
}
