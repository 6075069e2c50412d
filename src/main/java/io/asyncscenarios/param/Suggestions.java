package io.asyncscenarios.param;

import java.util.Collection;

/**
 * Finds the closest known word to a misspelt one, for "did you mean" hints.
 */
public final class Suggestions {

  private Suggestions() {
  }

  /**
   * @return {@code " (did you mean 'x'?)"} when a known word is close enough, else an empty string
   */
  public static String didYouMean(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(word.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A third of the word may be wrong; more than that is a different word, not a typo.
    boolean close = best != null && bestDistance <= Math.max(2, word.length() / 3);
    return close ? " (did you mean '" + best + "'?)" : "";
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
