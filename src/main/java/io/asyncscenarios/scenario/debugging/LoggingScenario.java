package io.asyncscenarios.scenario.debugging;

import ch.qos.logback.classic.Level;
import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.debug.LogCapture;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Tasks A, B and C log through SLF4J at DEBUG while they run together. The application logs at INFO, so
 * the scenario turns its own logger to DEBUG first ({@code logging.basicConfig(level=DEBUG)}, for one
 * logger), and the log pattern names the thread and the task each record came from.
 */
public class LoggingScenario extends Scenario {

  static final Logger LOG = LoggerFactory.getLogger(LoggingScenario.class);

  private Future<Void> task(String name) {
    LOG.debug("Task {} starting", name);
    return sleep(seconds("delay")).onSuccess(v -> LOG.debug("Task {} completed", name));
  }

  // async def main():
  @Override
  protected Future<?> run() {
    // logging.basicConfig(level=logging.DEBUG), for this logger only and for this run only.
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LOG;
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    // Each record also goes into the timeline, for the claims.
    LogCapture capture = LogCapture.attach(LOG.getName(), record -> recorder().record(tasks.currentId(),
      EventType.LOG, record.getThreadName(), record.getLevel() + " " + record.getFormattedMessage()));
    // gather runs each coroutine as a task, named as asyncio names them: Task-2, Task-3, Task-4.
    return Future.all(
        tasks.start(() -> task("A")).future(),
        tasks.start(() -> task("B")).future(),
        tasks.start(() -> task("C")).future())
      .eventually(() -> {
        capture.close();
        logger.setLevel(before);
        return Future.succeededFuture();
      });
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the six DEBUG records appear, though the application logs at INFO", t -> Verdict.equal(
        List.of("DEBUG Task A completed", "DEBUG Task A starting", "DEBUG Task B completed", "DEBUG Task B starting",
          "DEBUG Task C completed", "DEBUG Task C starting"),
        t.messages(e -> e.type() == EventType.LOG).stream().sorted().collect(Collectors.toList()))),
      Claim.of("each record names the event-loop thread and the task that wrote it", t -> {
        List<Event> records = t.events().stream().filter(e -> e.type() == EventType.LOG).toList();
        List<String> unnamed = records.stream()
          .filter(e -> !e.thread().startsWith("vert.x-eventloop-thread") || e.task() == null || !e.task().startsWith("Task-"))
          .map(Event::message).toList();
        return Verdict.of(!records.isEmpty() && unnamed.isEmpty(), "thread and task on every record",
          unnamed.isEmpty() ? records.size() + " records, all named" : "missing on " + unnamed);
      }),
      Claim.of("each task logs starting before completed", t -> {
        List<String> order = t.messages(e -> e.type() == EventType.LOG);
        boolean held = List.of("A", "B", "C").stream().allMatch(n ->
          order.indexOf("DEBUG Task " + n + " starting") < order.indexOf("DEBUG Task " + n + " completed"));
        return Verdict.of(held, "starting first for A, B and C", String.valueOf(order));
      }));
  }
}
