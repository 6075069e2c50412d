package io.asyncscenarios.claim;


import java.util.function.Function;

/**
 * One statement a scenario makes about itself, checked on its recorded {@link Timeline} once it has run.
 *
 * @param text the statement, as the tutorial would put it
 * @param check what the timeline says about it
 */
public record Claim(String text, Function<Timeline, Verdict> check) {

  public static Claim of(String text, Function<Timeline, Verdict> check) {
    return new Claim(text, check);
  }

  /** Checks the claim; a check that throws counts as not held, with the reason as the actual value. */
  public ClaimResult checkOn(Timeline timeline) {
    Verdict verdict;
    try {
      verdict = check.apply(timeline);
    } catch (RuntimeException e) {
      verdict = Verdict.of(false, "a checkable run", "could not check: " + e);
    }
    return new ClaimResult(text, verdict.expected(), verdict.actual(), verdict.held());
  }
}
