package io.asyncscenarios.scenario.intro;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Greets three people one after another: {@link Future#compose} plays {@code await}, each greeting
 * starting only when the one before has said goodbye.
 */
public class CoroutineBasicsScenario extends Scenario {

  private Future<Void> greet(String name) {
    print("Hello, %s!", name);
    return sleep(seconds("delay")).onSuccess(v -> print("Goodbye, %s!", name));
  }

  // async def main():
  @Override
  protected Future<?> run() {
    print("start");
    Future<Void> chain = Future.succeededFuture();
    for (String name : strings("names")) {
      // await greet(name): the next greeting is composed onto the end of this one.
      chain = chain.compose(v -> greet(name));
    }
    return chain.onSuccess(v -> print("end"));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("lines in the tutorial's order", t -> Verdict.equal(expectedLines(t.params().getJsonArray("names").getList()), t.printed())),
      Claim.of("total ≈ one delay per greeting", t ->
        t.about(t.params().getDouble("delay") * t.params().getJsonArray("names").size(), t.totalMs())));
  }

  private static List<String> expectedLines(List<?> names) {
    List<String> lines = new ArrayList<>();
    lines.add("start");
    for (Object name : names) {
      lines.add("Hello, " + name + "!");
      lines.add("Goodbye, " + name + "!");
    }
    lines.add("end");
    return lines;
  }
}
