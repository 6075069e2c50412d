package io.asyncscenarios.scenario.debugging;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Springs the two traps asyncio's debug mode catches: a task whose future nobody observes (the
 * "forgotten await") and a callback that blocks the event loop past the slow-callback threshold. In
 * debug mode the first is reported with where the task was created, the second with the stack of the
 * blocking code (Vert.x's blocked-thread checker, tightened); without debug mode neither is.
 */
public class DebugModeScenario extends Scenario {

  static final String FORGOTTEN = "task 'test' was never observed";
  static final String BLOCKED = "has been blocked for";

  // The tutorial's test() never runs, as nobody awaits it; a task runs all the same, so what goes unseen is its outcome.
  private Task<Void> test() {
    return tasks.start("test", () -> Future.failedFuture("an error nobody will see"));
  }

  // async def main():
  @Override
  protected Future<?> run() {
    boolean debug = config().getBoolean("debug");
    long blockMs = config().getLong("blockMs");
    print("Debug mode is %s", debug ? "on" : "off");
    // The forgotten await: test() hands back a task, and the caller drops it.
    test();
    return sleep(0).map(v -> {
      blockTheEventLoop(blockMs);
      return new JsonObject().put("debug", debug).put("blockMs", blockMs).put("slowCallbackMs", settings().slowCallbackMs());
    });
  }

  /** Deliberately wrong: while this callback sleeps, every task on this event loop stands still. */
  private void blockTheEventLoop(long ms) {
    print("Blocking the event loop for %d ms", ms);
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the forgotten task is reported, with where it was created, only in debug mode", t ->
        reportedOnlyInDebug(t, FORGOTTEN, DebugModeScenario.class.getName() + ".test(")),
      Claim.of("the blocked event loop is reported, with the blocking code, only in debug mode", t ->
        reportedOnlyInDebug(t, BLOCKED, DebugModeScenario.class.getName() + ".blockTheEventLoop(")));
  }

  private static Verdict reportedOnlyInDebug(Timeline t, String warning, String site) {
    boolean debug = t.result().getBoolean("debug");
    List<String> warnings = t.messages(e -> e.type() == EventType.WARN && e.message().contains(warning));
    boolean reportedWithSite = !warnings.isEmpty() && warnings.stream().allMatch(m -> m.contains(site));
    String actual = warnings.isEmpty() ? "not reported" : reportedWithSite ? "reported with " + site : "reported without " + site;
    String expected = debug ? "reported with " + site : "not reported";
    return Verdict.of(expected.equals(actual), expected, actual);
  }
}
