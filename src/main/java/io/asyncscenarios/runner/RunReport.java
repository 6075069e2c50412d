package io.asyncscenarios.runner;

import io.asyncscenarios.config.AppOptions;

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

  /** Interrupted if any scenario was, passed if all were, else failed. */
  public Status status() {
    return interrupted() ? Status.INTERRUPTED : passed() ? Status.PASSED : Status.FAILED;
  }
}
