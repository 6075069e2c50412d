package io.asyncscenarios.claim;

import io.vertx.core.json.JsonObject;

/**
 * A checked claim as the reports show it.
 */
public record ClaimResult(String text, String expected, String actual, boolean held) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("text", text)
      .put("expected", expected)
      .put("actual", actual)
      .put("held", held);
  }
}
