package io.asyncscenarios.scenario.errors;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.List;

/**
 * An operation fails after a second; {@link Future#recover} catches the failure as {@code try/except}
 * does, and the scenario goes on.
 */
public class ErrorHandlingScenario extends Scenario {

  @Override
  protected Future<?> run() {
    return riskyOperation().recover(error -> {
      print("Caught an error: %s", error.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> riskyOperation() {
    return sleep(seconds("delay")).compose(v -> Future.failedFuture(new IllegalArgumentException(config().getString("message"))));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("prints the caught error", t ->
        Verdict.equal(List.of("Caught an error: " + t.params().getString("message")), t.printed())),
      Claim.of("the failure came after ≈ the delay", t ->
        t.about(t.params().getDouble("delay"), t.printedAt("Caught an error: " + t.params().getString("message")))));
  }
}
