package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.record.Event;

/**
 * Hears a run as it happens: the text report for people is one.
 */
public interface RunListener {

  default void scenarioStarted(ScenarioInfo info) {
  }

  /** Each line printed and each warning, on the thread it happened on, in the order of the recording. */
  default void event(Event event) {
  }

  /** Transient progress of long work, e.g. downloads: shown to people, never recorded. */
  default void progress(String line) {
  }

  default void scenarioEnded(ScenarioOutcome outcome) {
  }

  default void runEnded(RunReport report) {
  }
}
