package io.asyncscenarios.runner;

import io.asyncscenarios.config.AppOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * A whole run: the settings it ran with and each scenario's outcome, in the order they ran.
 */
public record RunReport(AppOptions options, Instant startedAt, double elapsedMs, List<ScenarioOutcome> scenarios) {

  /** The version of the JSON layout; raised only when a field changes meaning or goes away. */
  public static final int SCHEMA_VERSION = 1;

  public long count(Status status) {
    return scenarios.stream().filter(s -> s.status() == status).count();
  }

  public boolean interrupted() {
    return count(Status.INTERRUPTED) > 0;
  }

  public boolean passed() {
    return count(Status.PASSED) == scenarios.size();
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("schemaVersion", SCHEMA_VERSION)
      .put("timeScale", options.timeScale())
      .put("tolerance", options.tolerance().toJson())
      .put("seed", options.seed())
      .put("startedAt", startedAt.toString())
      .put("elapsedMs", Math.round(elapsedMs * 1000) / 1000.0)
      .put("status", interrupted() ? Status.INTERRUPTED.label() : passed() ? Status.PASSED.label() : Status.FAILED.label())
      .put("scenarios", new JsonArray(scenarios.stream().map(ScenarioOutcome::toJson).toList()));
  }
}
