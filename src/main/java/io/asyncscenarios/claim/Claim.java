package io.asyncscenarios.claim;


import java.util.function.Function;

/**
 * One statement a scenario makes about itself, checked on its recorded {@link Timeline} once it has run,
 * and the moment of the run that decides it: by default the scenario's end, or an earlier one named with
 * {@link #at} (sync-vs-async's "concurrent total ≈ the longest" is decided when the concurrent run ends).
 *
 * @param text the statement, as the tutorial would put it
 * @param check what the timeline says about it
 * @param moment when, in milliseconds since the scenario started, the timeline decides it; {@code null}
 *               for the scenario's end
 */
public record Claim(String text, Function<Timeline, Verdict> check, Function<Timeline, Double> moment) {

  public Claim(String text, Function<Timeline, Verdict> check) {
    this(text, check, null);
  }

  public static Claim of(String text, Function<Timeline, Verdict> check) {
    return new Claim(text, check);
  }

  /** The same claim, decided at the moment {@code ms} finds on the timeline rather than at the scenario's end. */
  public Claim at(Function<Timeline, Double> ms) {
    return new Claim(text, check, ms);
  }

  /**
   * Checks the claim; a check that throws counts as not held, with the reason as the actual value. A
   * moment that cannot be found (the task it names never ended) is the scenario's end.
   */
  public ClaimResult checkOn(Timeline timeline) {
    Verdict verdict;
    try {
      verdict = check.apply(timeline);
    } catch (RuntimeException e) {
      verdict = Verdict.of(false, "a checkable run", "could not check: " + e);
    }
    return new ClaimResult(text, verdict.expected(), verdict.actual(), verdict.held(), decidedAt(timeline));
  }

  private double decidedAt(Timeline timeline) {
    if (moment != null) {
      try {
        Double ms = moment.apply(timeline);
        if (ms != null && Double.isFinite(ms)) {
          return ms;
        }
      } catch (RuntimeException e) {
        // Fall through to the end: what the moment was measured from is missing, and the check says so.
      }
    }
    return timeline.endMs();
  }
}
