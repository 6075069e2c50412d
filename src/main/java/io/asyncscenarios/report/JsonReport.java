package io.asyncscenarios.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes the machine-readable report (schema in the README), atomically, streaming: the events go from
 * the scenarios' logs to the file one at a time, so that a run of a million tasks is written in the
 * memory of a few events, on a worker thread.
 */
public final class JsonReport {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonReport() {
  }

  public static Future<Void> write(Vertx vertx, RunReport report, String path) {
    return vertx.executeBlocking(() -> {
      AtomicFiles.writeBlocking(Path.of(path), out -> write(report, out));
      return null;
    }, false);
  }

  static void write(RunReport report, OutputStream out) throws IOException {
    // Compact: a million tasks make five million events; indented, each would take seven lines.
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", RunReport.SCHEMA_VERSION);
      json.writeNumberField("timeScale", report.options().timeScale());
      json.writeFieldName("tolerance");
      JacksonCodec.encodeJson(report.options().tolerance().toJson(), json);
      json.writeNumberField("seed", report.options().seed());
      json.writeStringField("startedAt", report.startedAt().toString());
      json.writeNumberField("elapsedMs", micros(report.elapsedMs()));
      json.writeStringField("status", report.status().label());
      json.writeArrayFieldStart("scenarios");
      for (ScenarioOutcome outcome : report.scenarios()) {
        scenario(json, outcome);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void scenario(JsonGenerator json, ScenarioOutcome outcome) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", outcome.info().id());
    json.writeStringField("title", outcome.info().title());
    json.writeStringField("section", outcome.info().section());
    json.writeStringField("status", outcome.status().label());
    json.writeNumberField("elapsedMs", micros(outcome.elapsedMs()));
    if (outcome.error() != null) {
      json.writeStringField("error", outcome.error());
    }
    json.writeArrayFieldStart("claims");
    for (ClaimResult claim : outcome.claims()) {
      json.writeStartObject();
      json.writeStringField("text", claim.text());
      json.writeStringField("expected", claim.expected());
      json.writeStringField("actual", claim.actual());
      json.writeBooleanField("held", claim.held());
      if (!Double.isNaN(claim.atMs())) {
        json.writeNumberField("atMs", micros(claim.atMs()));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    EventLog log = outcome.log();
    tasks(json, log, outcome.eventCount());
    json.writeArrayFieldStart("events");
    for (int i = 0; i < outcome.eventCount(); i++) {
      json.writeStartObject();
      json.writeNumberField("tMs", micros(log.tMs(i)));
      int task = log.task(i);
      json.writeStringField("task", log.taskName(task));
      // Names repeat (event-loop has two hello_world): the id says which of tasks[] it is.
      if (task < 0) {
        json.writeNullField("taskId");
      } else {
        json.writeNumberField("taskId", task);
      }
      json.writeStringField("type", log.type(i).label());
      json.writeStringField("thread", log.thread(i));
      json.writeStringField("message", log.message(i));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeFieldName("result");
    JacksonCodec.encodeJson(outcome.result(), json);
    json.writeEndObject();
  }

  /**
   * Every task, in the order they were numbered (a task's {@code id} is its place in the list): who created
   * it and who awaits it, by id, since when, and how it ended.
   */
  private static void tasks(JsonGenerator json, EventLog log, int eventCount) throws IOException {
    json.writeArrayFieldStart("tasks");
    int count = log.taskCount();
    for (int task = 0; task < count; task++) {
      json.writeStartObject();
      json.writeNumberField("id", task);
      json.writeStringField("name", log.taskName(task));
      idField(json, "creator", log.creator(task));
      idField(json, "awaitedBy", log.awaiter(task));
      double awaitedAtMs = log.awaitedAtMs(task);
      json.writeFieldName("awaitedAtMs");
      if (Double.isNaN(awaitedAtMs)) {
        json.writeNull();
      } else {
        json.writeNumber(micros(awaitedAtMs));
      }
      TaskEnd end = log.end(task, eventCount);
      json.writeStringField("end", end.label());
      if (end == TaskEnd.FAILED) {
        json.writeStringField("reason", log.message(log.endEvent(task)));
      } else if (end == TaskEnd.CANCELLED) {
        json.writeStringField("cancelledBy", TaskEnd.cancelledBy(log.message(log.endEvent(task))));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void idField(JsonGenerator json, String name, int task) throws IOException {
    if (task < 0) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, task);
    }
  }

  /** Milliseconds to the microsecond, as every time in the report is given. */
  private static double micros(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
