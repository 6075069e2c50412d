package io.asyncscenarios.runner;

import java.util.Locale;

/**
 * How a scenario ended.
 */
public enum Status {
  /** It ran and every claim held. */
  PASSED,
  /** It ran, but a claim did not hold. */
  FAILED,
  /** It did not run to its end: it threw, failed or timed out. */
  ERROR,
  /** A signal (SIGINT, SIGTERM) stopped it: its tasks were cancelled. */
  INTERRUPTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
