package io.asyncscenarios.scenario.asyncio;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Says "Hello", waits, says "World" twice: first on a {@link Vertx} instance made and closed by hand (the
 * old {@code get_event_loop()} / {@code run_until_complete()} / {@code close()} style), then on the
 * application's own instance (the {@code asyncio.run()} style, where the runtime owns the loop).
 */
public class EventLoopScenario extends Scenario {

  static final String CLOSED = "Closed the hand-made Vert.x instance";

  @Override
  protected Future<?> run() {
    JsonObject result = new JsonObject();
    return tasks.start("hand-made loop", () -> onHandMadeLoop(result))
      .future()
      .onSuccess(v -> print(CLOSED))
      .compose(v -> tasks.start("application loop", () -> helloWorld(tasks)).future())
      .map(v -> result);
  }

  private Future<Void> onHandMadeLoop(JsonObject result) {
    // The old style blocks its caller until the loop is done, so it gets a plain thread of its own, as
    // Python's main thread owns the loop it makes: never an event loop, and no Vert.x thread either.
    CompletableFuture<Boolean> closed = new CompletableFuture<>();
    new Thread(() -> {
      try {
        closed.complete(runUntilComplete());
      } catch (Throwable t) {
        closed.completeExceptionally(t);
      }
    }, "hand-made-loop-owner").start();
    // The task waits the whole time the other instance runs hello_world and closes: recorded, the report
    // shows it waiting on that, not running.
    return Tasks.waitOn("future", "the hand-made Vert.x's hello_world and close()",
        Future.fromCompletionStage(closed, vertx.getOrCreateContext()))
      .map(isClosed -> {
        result.put("handMadeClosed", isClosed);
        return null;
      });
  }

  /** get_event_loop(), run_until_complete(hello_world()), close(): returns whether the loop is closed. */
  private boolean runUntilComplete() {
    Vertx loop = Vertx.vertx();
    boolean closed;
    try {
      loop.deployVerticle(context -> helloWorld(new Tasks(loop, recorder()))).await();
    } finally {
      // close() completes once the instance has stopped its threads: only its success says it is closed.
      closed = loop.close().map(true).otherwise(false).await();
    }
    return closed;
  }

  private Future<Void> helloWorld(Tasks on) {
    return on.start("hello_world", () -> {
      print("Hello");
      return on.sleep(millis(seconds("delay"))).onSuccess(v -> print("World"));
    }).future();
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("both loops print Hello then World", t ->
        Verdict.equal(List.of("Hello", "World", CLOSED, "Hello", "World"), t.printed())),
      Claim.of("the hand-made instance is closed afterwards", t ->
        Verdict.equal(true, t.result().getBoolean("handMadeClosed", false))));
  }
}
