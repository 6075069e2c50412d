package io.asyncscenarios.scenario.errors;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class ErrorHandlingScenarioTest {

  @Test
  void theValueErrorIsCaughtAndPrinted(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "error-handling");
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    assertEquals(List.of("Caught an error: This is a test error"), printed(outcome));
  }

  @Test
  void aFailureOtherThanTheValueErrorIsNotCaughtAndFailsTheScenario(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "error-handling", new JsonObject(), () -> new ErrorHandlingScenario() {
      @Override
      Future<Void> riskyOperation() {
        // As if risky_operation raised a TypeError: except ValueError lets it through.
        return super.riskyOperation().recover(valueError -> Future.failedFuture(new IllegalStateException("not a ValueError")));
      }
    });
    assertEquals(Status.ERROR, outcome.status());
    assertEquals("not a ValueError", outcome.error());
    assertEquals(List.of(), printed(outcome), "nothing was caught");
    List<Event> errors = outcome.events().stream().filter(e -> e.type() == EventType.ERROR).toList();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("not a ValueError", errors.get(0).message());
  }

  private static List<String> printed(ScenarioOutcome outcome) {
    return outcome.events().stream().filter(e -> e.type() == EventType.PRINT).map(Event::message).toList();
  }
}
