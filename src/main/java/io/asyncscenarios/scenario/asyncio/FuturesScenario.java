package io.asyncscenarios.scenario.asyncio;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Creates an empty {@link Promise}, lets another operation complete it after a second, and prints its
 * future's value: a future is a result that does not exist yet, and nothing runs until someone sets it.
 */
public class FuturesScenario extends Scenario {

  static final String DONE = "Future is done!";

  // asyncio.Future is both ends of the result; Vert.x splits them: the Promise sets it, its future() reads it.
  private Future<Void> setFutureValue(Promise<String> future) {
    return sleep(seconds("delay")).onSuccess(v -> future.complete(DONE));
  }

  // async def main(): set_future_value is awaited first, so by the time main reads the future it is done (the
  // report shows main's wait on it ending at once).
  @Override
  protected Future<?> run() {
    Promise<String> future = Promise.promise();
    boolean pendingBefore = !future.future().isComplete();
    return setFutureValue(future)
      .compose(v -> Tasks.waitOn("future", "set by set_future_value", future.future()))
      .map(result -> {
        print(result);
        return new JsonObject().put("pendingBefore", pendingBefore).put("completedAfter", future.future().isComplete());
      });
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("prints \"" + DONE + "\"", t -> Verdict.equal(List.of(DONE), t.printed())),
      Claim.of("the future was pending before it was set", t ->
        Verdict.equal(true, t.result().getBoolean("pendingBefore")))
        .at(t -> t.startMs()),
      Claim.of("it completed after ≈ the delay", t -> t.about(t.params().getDouble("delay"), t.printedAt(DONE)))
        .at(t -> t.printedAt(DONE)));
  }
}
