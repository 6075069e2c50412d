package io.asyncscenarios.scenario.errors;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.List;

/**
 * An operation fails after a second with Java's {@code ValueError}, an {@link IllegalArgumentException};
 * {@link Future#recover} catches that failure, and only that one, as {@code except ValueError} does, and
 * the scenario goes on. Any other failure is not caught: it fails the scenario.
 */
public class ErrorHandlingScenario extends Scenario {

  // raise ValueError(...): a failure travels inside the future, not up the stack.
  Future<Void> riskyOperation() {
    return sleep(seconds("delay"))
      .compose(v -> Future.failedFuture(new IllegalArgumentException(config().getString("message"))));
  }

  // async def main():
  @Override
  protected Future<?> run() {
    return riskyOperation().recover(e -> {
      if (e instanceof IllegalArgumentException) {
        print("Caught an error: %s", e.getMessage());
        return Future.succeededFuture();
      }
      // Not a ValueError: except ValueError lets it through, and so does this.
      return Future.failedFuture(e);
    });
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
