package io.asyncscenarios.scenario.functions;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.List;

/**
 * An asynchronous function is one that returns a {@link Future}: {@code greet} hands back its value
 * inside one, and the caller gets at it by composing, as {@code await} does.
 */
public class AsyncDefScenario extends Scenario {

  // What an async def returns reaches its caller inside a future, already complete here.
  private Future<String> greet(String name) {
    return Future.succeededFuture("Hello, " + name + "!");
  }

  // async def main():
  @Override
  protected Future<?> run() {
    return greet(config().getString("name")).onSuccess(result -> print(result));
  }

  @Override
  public List<Claim> claims() {
    return List.of(Claim.of("prints the greeting the function returned", t ->
      Verdict.equal(List.of("Hello, " + t.params().getString("name") + "!"), t.printed())));
  }
}
