package io.asyncscenarios.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.record.EventLog;
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
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("events");
    EventLog log = outcome.log();
    for (int i = 0; i < outcome.eventCount(); i++) {
      json.writeStartObject();
      json.writeNumberField("tMs", micros(log.tMs(i)));
      json.writeStringField("task", log.taskName(log.task(i)));
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

  /** Milliseconds to the microsecond, as every time in the report is given. */
  private static double micros(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
