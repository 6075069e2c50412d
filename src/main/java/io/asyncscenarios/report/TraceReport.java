package io.asyncscenarios.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the run as a trace in the Chrome Trace Event Format, the JSON that Perfetto (ui.perfetto.dev) and
 * {@code chrome://tracing} open: one process per cluster node, one thread per thread, an async slice per
 * task with a nested one per sleep or wait, instants for what was printed, logged or warned, and a flow
 * arrow per await edge. Streamed and written atomically on a worker thread, as the JSON report is; bounded:
 * past {@link Limits} a scenario's tasks, lines and waits are counted, not written.
 *
 * <p>What the format asks, from the Trace Event Format document (Google's "Trace Event Format", linked from
 * Perfetto's "Visualizing external trace formats" page, which follows it):
 * <ul>
 *   <li>the JSON Object Format: {@code {"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}};
 *       events need not be sorted, but these are, so that a viewer keeps the order of events of one time;</li>
 *   <li>every event has {@code ph}, {@code pid}, {@code tid} and, but for metadata ({@code M}), {@code ts} in
 *       microseconds (fractions allowed);</li>
 *   <li>async events {@code b}/{@code e} (nestable): those of one {@code cat} and {@code id} are one tree, and
 *       a slice nests in another of its tree when it starts and ends within it;</li>
 *   <li>instant events {@code i} with a scope {@code s}: {@code "t"}, the thread;</li>
 *   <li>flow events {@code s}/{@code f} of one {@code cat}, {@code name} and {@code id}: "think of a flow event
 *       as an arrow between two duration events"; they bind to a slice of their thread ({@code "bp":"e"}: the
 *       enclosing one), never to an async slice, so each end of an arrow has a complete event ({@code X}) of
 *       its own, of no duration, on its thread (Perfetto counts a flow without one as
 *       {@code flow_no_enclosing_slice} and drops it);</li>
 *   <li>metadata events {@code M}: {@code process_name}, {@code process_labels}, {@code process_sort_index},
 *       {@code thread_name}, {@code thread_sort_index}, their value in {@code args}.</li>
 * </ul>
 */
public final class TraceReport {

  /**
   * How much of one scenario a trace holds: tasks (by number, as the HTML timeline draws the first ones),
   * instants, and nested slices. A million tasks would make a trace of some hundreds of MB that no viewer
   * opens quickly; the first ten thousand show what the rest do.
   */
  public record Limits(int tasks, int instants, int slices) {

    public static final Limits DEFAULT = new Limits(10_000, 20_000, 20_000);
  }

  private static final JsonFactory JSON = new JsonFactory();

  private TraceReport() {
  }

  /** @param self this node's id ({@code local} when not clustered): the process of everything that ran here */
  public static Future<Void> write(Vertx vertx, RunReport report, String path, String self) {
    return vertx.executeBlocking(() -> {
      AtomicFiles.writeBlocking(Path.of(path), out -> write(report, self, out, TaskLinks::of, Limits.DEFAULT));
      return null;
    }, false);
  }

  static void write(RunReport report, String self, OutputStream out, Function<EventLog, TaskLinks> links, Limits limits)
    throws IOException {
    Run run = new Run(report, self, links, limits);
    // A first pass finds the processes and threads and what the limits leave out, so that the metadata come
    // first and the events after them stay in time order; it holds one scenario's events at a time.
    List<TraceScenario.Hidden> hidden = new ArrayList<>();
    for (int k = 0; k < run.size(); k++) {
      hidden.add(run.scenario(k).hidden());
    }
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(new OneEventPerLine());
      json.writeStartObject();
      json.writeArrayFieldStart("traceEvents");
      metadata(json, run.threads, labels(report, hidden, limits));
      for (int k = 0; k < run.size(); k++) {
        for (TraceScenario.Event event : run.scenario(k).events()) {
          event(json, event);
        }
      }
      json.writeEndArray();
      json.writeStringField("displayTimeUnit", "ms");
      otherData(json, report, hidden, limits);
      json.writeEndObject();
    }
  }

  /** The scenarios of a run on one time axis, each with task ids of its own. */
  private static final class Run {

    final RunReport report;
    final TraceThreads threads;
    final Function<EventLog, TaskLinks> links;
    final Limits limits;
    final long startNanos;
    final long[] idBases;

    Run(RunReport report, String self, Function<EventLog, TaskLinks> links, Limits limits) {
      this.report = report;
      this.threads = new TraceThreads(self);
      this.links = links;
      this.limits = limits;
      this.startNanos = report.scenarios().stream().mapToLong(s -> s.log().startNanos()).min().orElse(0);
      this.idBases = new long[report.scenarios().size()];
      long next = 1;
      for (int k = 0; k < idBases.length; k++) {
        idBases[k] = next;
        next += TraceScenario.idsUsed(report.scenarios().get(k), limits);
      }
    }

    int size() {
      return idBases.length;
    }

    TraceScenario scenario(int k) {
      ScenarioOutcome outcome = report.scenarios().get(k);
      return TraceScenario.build(outcome, k, outcome.log().startNanos() - startNanos, idBases[k], threads,
        links.apply(outcome.log()), limits);
    }
  }

  private static void metadata(JsonGenerator json, TraceThreads threads, String labels) throws IOException {
    for (Map.Entry<Integer, String> process : threads.processes().entrySet()) {
      int pid = process.getKey();
      int tid = threads.firstTid(pid);
      metadata(json, "process_name", pid, tid, "name", process.getValue());
      metadata(json, "process_sort_index", pid, tid, "sort_index", pid);
      if (pid == TraceThreads.SELF && !labels.isEmpty()) {
        metadata(json, "process_labels", pid, tid, "labels", labels);
      }
    }
    for (Map.Entry<Integer, String> thread : threads.threads().entrySet()) {
      int tid = thread.getKey();
      metadata(json, "thread_name", threads.pidOf(tid), tid, "name", thread.getValue());
      metadata(json, "thread_sort_index", threads.pidOf(tid), tid, "sort_index", tid);
    }
  }

  private static void metadata(JsonGenerator json, String name, int pid, int tid, String key, Object value) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("ph", "M");
    json.writeNumberField("pid", pid);
    json.writeNumberField("tid", tid);
    json.writeObjectFieldStart("args");
    if (value instanceof Integer number) {
      json.writeNumberField(key, number);
    } else {
      json.writeStringField(key, (String) value);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** What the limits left out, in words, for the viewer to show beside this node's name. */
  static String labels(RunReport report, List<TraceScenario.Hidden> hidden, Limits limits) {
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < hidden.size(); k++) {
      TraceScenario.Hidden left = hidden.get(k);
      List<String> parts = new ArrayList<>();
      if (left.tasks() > 0) {
        parts.add(left.tasks() + " tasks past the first " + limits.tasks());
      }
      if (left.instants() > 0) {
        parts.add(left.instants() + " lines past the first " + limits.instants());
      }
      if (left.slices() > 0) {
        parts.add(left.slices() + " waits (past the first " + limits.slices() + " or overlapping another)");
      }
      if (!parts.isEmpty()) {
        // No commas: a viewer may split the labels at them.
        labels.add(report.scenarios().get(k).info().id() + ": not drawn " + String.join(" and ", parts));
      }
    }
    return String.join("; ", labels);
  }

  private static void event(JsonGenerator json, TraceScenario.Event event) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", event.name());
    json.writeStringField("cat", event.cat());
    json.writeStringField("ph", String.valueOf(event.ph()));
    json.writeFieldName("ts");
    json.writeNumber(micros(event.tsNanos()));
    json.writeNumberField("pid", event.pid());
    json.writeNumberField("tid", event.tid());
    switch (event.ph()) {
      case 'b', 'e', 's' -> json.writeNumberField("id", event.id());
      case 'f' -> {
        json.writeNumberField("id", event.id());
        json.writeStringField("bp", "e");
      }
      case 'i' -> json.writeStringField("s", "t");
      case 'X' -> json.writeNumberField("dur", 0);
      default -> {
      }
    }
    String[] args = event.args();
    if (args.length > 0) {
      json.writeObjectFieldStart("args");
      for (int k = 0; k + 1 < args.length; k += 2) {
        json.writeStringField(args[k], args[k + 1]);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void otherData(JsonGenerator json, RunReport report, List<TraceScenario.Hidden> hidden, Limits limits)
    throws IOException {
    json.writeObjectFieldStart("otherData");
    json.writeStringField("generator", "async-scenarios");
    json.writeStringField("startedAt", report.startedAt().toString());
    json.writeStringField("status", report.status().label());
    json.writeObjectFieldStart("limits");
    json.writeNumberField("tasks", limits.tasks());
    json.writeNumberField("instants", limits.instants());
    json.writeNumberField("slices", limits.slices());
    json.writeEndObject();
    json.writeArrayFieldStart("notDrawn");
    for (int k = 0; k < hidden.size(); k++) {
      TraceScenario.Hidden left = hidden.get(k);
      if (left.any()) {
        json.writeStartObject();
        json.writeStringField("scenario", report.scenarios().get(k).info().id());
        json.writeNumberField("tasks", left.tasks());
        json.writeNumberField("instants", left.instants());
        json.writeNumberField("slices", left.slices());
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Nanoseconds as microseconds, exactly, without an exponent: {@code 1500} as {@code 1.5}. */
  static String micros(long nanos) {
    return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString();
  }

  /** Compact, but one trace event a line: a trace is read by people too, and diffed. */
  private static final class OneEventPerLine extends MinimalPrettyPrinter {

    @Override
    public void beforeArrayValues(JsonGenerator json) throws IOException {
      json.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator json) throws IOException {
      json.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator json, int nrOfValues) throws IOException {
      json.writeRaw(nrOfValues > 0 ? "\n]" : "]");
    }
  }
}
