package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;

import java.util.List;

/**
 * What one scenario did: its status, its checked claims, its events and its result.
 *
 * @param error why it ended in {@link Status#ERROR}, else {@code null}
 * @param log its events; {@code eventCount} of them belong to the outcome
 * @param result what the scenario returned, as a JSON value
 */
public record ScenarioOutcome(ScenarioInfo info, Status status, double elapsedMs, String error,
                              List<ClaimResult> claims, EventLog log, int eventCount, Object result) {

  public ScenarioOutcome(ScenarioInfo info, Status status, double elapsedMs, String error, List<ClaimResult> claims,
                         EventLog log, Object result) {
    this(info, status, elapsedMs, error, claims, log, log.size(), result);
  }

  public long claimsHeld() {
    return claims.stream().filter(ClaimResult::held).count();
  }

  /** The events, each built when it is read. */
  public List<Event> events() {
    return log.asList(eventCount);
  }
}
