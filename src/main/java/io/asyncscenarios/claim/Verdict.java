package io.asyncscenarios.claim;

import java.util.Objects;

/**
 * What checking one claim found: what was expected, what was measured, and whether they agree.
 */
public record Verdict(String expected, String actual, boolean held) {

  public static Verdict of(boolean held, String expected, String actual) {
    return new Verdict(expected, actual, held);
  }

  /** Held when {@code actual} equals {@code expected}. */
  public static Verdict equal(Object expected, Object actual) {
    return new Verdict(String.valueOf(expected), String.valueOf(actual), Objects.equals(expected, actual));
  }

  /** Held when {@code actualMs} is within the tolerance of {@code expectedMs}. */
  public static Verdict about(double expectedMs, double actualMs, Tolerance tolerance) {
    String expected = String.format("%.0f ms ± %.0f", expectedMs, tolerance.marginFor(expectedMs));
    return new Verdict(expected, String.format("%.0f ms", actualMs), tolerance.allows(expectedMs, actualMs));
  }

  /** Held when {@code actual} is below {@code limit}. */
  public static Verdict below(double limit, double actual, String unit) {
    return new Verdict(String.format("< %.0f %s", limit, unit), String.format("%.0f %s", actual, unit), actual < limit);
  }
}
