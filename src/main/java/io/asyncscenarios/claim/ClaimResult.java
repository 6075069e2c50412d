package io.asyncscenarios.claim;

/**
 * A checked claim as the reports show it.
 *
 * @param atMs when, in milliseconds since the scenario started, the run decided it (see {@link Claim#at});
 *             NaN when not known
 */
public record ClaimResult(String text, String expected, String actual, boolean held, double atMs) {

  /** A claim checked without a moment: e.g. one read back from elsewhere. */
  public ClaimResult(String text, String expected, String actual, boolean held) {
    this(text, expected, actual, held, Double.NaN);
  }
}
