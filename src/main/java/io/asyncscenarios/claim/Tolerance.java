package io.asyncscenarios.claim;

import io.vertx.core.json.JsonObject;

/**
 * How far a measured time may stray from the expected one and still count as "about the same":
 * a share of the expected value plus a fixed allowance for scheduling noise.
 *
 * @param ratio the share of the expected value, e.g. 0.10 for 10 %
 * @param ms the fixed allowance in milliseconds
 */
public record Tolerance(double ratio, double ms) {

  public static final double DEFAULT_RATIO = 0.10;
  public static final double DEFAULT_MS = 50;
  public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RATIO, DEFAULT_MS);

  public double marginFor(double expectedMs) {
    return Math.abs(expectedMs) * ratio + ms;
  }

  public boolean allows(double expectedMs, double actualMs) {
    return Math.abs(actualMs - expectedMs) <= marginFor(expectedMs);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ratio", ratio).put("ms", ms);
  }
}
