package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What one scenario did: its status, its checked claims, its events and its result.
 *
 * @param error why it ended in {@link Status#ERROR}, else {@code null}
 * @param result what the scenario returned, as a JSON value
 */
public record ScenarioOutcome(ScenarioInfo info, Status status, double elapsedMs, String error,
                              List<ClaimResult> claims, List<Event> events, Object result) {

  public long claimsHeld() {
    return claims.stream().filter(ClaimResult::held).count();
  }

  public JsonObject toJson() {
    JsonObject json = info.toJson()
      .put("status", status.label())
      .put("elapsedMs", Math.round(elapsedMs * 1000) / 1000.0);
    if (error != null) {
      json.put("error", error);
    }
    return json
      .put("claims", new JsonArray(claims.stream().map(ClaimResult::toJson).toList()))
      .put("events", new JsonArray(events.stream().map(Event::toJson).toList()))
      .put("result", result);
  }
}
