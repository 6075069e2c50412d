package io.asyncscenarios.param;

/**
 * The numbers a configuration key accepts, for checking and for saying what was expected.
 *
 * @param min the lower bound
 * @param minExclusive whether {@code min} itself is refused
 * @param max the upper bound, inclusive
 */
public record Range(double min, boolean minExclusive, double max) {

  public static Range atLeast(double min) {
    return new Range(min, false, Double.MAX_VALUE);
  }

  public static Range above(double min) {
    return new Range(min, true, Double.MAX_VALUE);
  }

  public Range atMost(double max) {
    return new Range(min, minExclusive, max);
  }

  public boolean contains(double value) {
    boolean aboveMin = minExclusive ? value > min : value >= min;
    return aboveMin && value <= max;
  }

  /** Reads as the end of "expected a number ...". */
  public String describe() {
    String lower = (minExclusive ? "> " : ">= ") + format(min);
    return max == Double.MAX_VALUE ? lower : lower + " and <= " + format(max);
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) <= 9.007199254740992E15 ? Long.toString((long) value) : Double.toString(value);
  }
}
