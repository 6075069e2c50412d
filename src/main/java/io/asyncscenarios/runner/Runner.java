package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.debug.SlowCallbackReports;
import io.asyncscenarios.io.Fetcher;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the selected scenarios one after another: each deployed fresh, its leftover tasks cancelled and
 * itself undeployed when it ends, its claims checked on what it recorded. A scenario that fails does not
 * stop the ones after it.
 */
public final class Runner {

  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  /** How long the code of cancelled tasks may take to end (clean up) before the run goes on without it. */
  public static final long WIND_DOWN_MS = 5000;

  private final Vertx vertx;
  private final AppOptions options;
  private final ClusterNodes nodes;
  private final RunListener listener;
  // Touched from the event loop only: interrupt() is sent there.
  private boolean interrupted;
  private Tasks running;
  // The one HTTP client of the run, shared by every scenario that fetches; null when none is selected.
  private final Fetcher fetcher;

  /**
   * Makes a runner on the calling context, which is the run's own: the HTTP client made here outlives
   * every scenario's undeployment. A client per scenario would cost a pool and a resolver each; Vert.x
   * 5.0 also keeps a closed client's resolver socket open, so the client comes and goes with the run.
   *
   * @param nodes the cluster {@code vertx} is a node of, from the cluster manager it was built with, or
   *              {@link ClusterNodes#local()} when it is not clustered
   */
  public Runner(Vertx vertx, AppOptions options, ClusterNodes nodes, RunListener listener) {
    if (vertx.isClustered() != nodes.clustered()) {
      throw new IllegalArgumentException(vertx.isClustered()
        ? "a clustered Vert.x needs the ClusterNodes of its cluster manager, not ClusterNodes.local()"
        : "ClusterNodes of a cluster given for a Vert.x that is not clustered");
    }
    this.vertx = vertx;
    this.options = options;
    this.nodes = nodes;
    this.listener = listener;
    this.fetcher = options.selection().stream().anyMatch(ScenarioInfo::fetches)
      ? new Fetcher(vertx, options.http(), options.debug())
      : null;
  }

  /** Releases what the run shared; call it once no scenario will run any more. */
  public Future<Void> close() {
    return fetcher == null ? Future.succeededFuture() : fetcher.close();
  }

  public Future<RunReport> run() {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ScenarioInfo info : options.selection()) {
      chain = chain.compose(v -> interrupted ? Future.succeededFuture() : runOne(info).map(outcome -> {
        outcomes.add(outcome);
        return null;
      }));
    }
    return chain.map(v -> {
      RunReport report = new RunReport(options, startedAt, (System.nanoTime() - start) / 1e6, outcomes);
      listener.runEnded(report);
      return report;
    });
  }

  /**
   * Stops the run: the running scenario's tasks are cancelled, so it ends now, marked interrupted, and
   * no later scenario starts; each task's {@code cancel} event says a signal did it. Call it on the
   * runner's event loop.
   */
  public void interrupt() {
    interrupted = true;
    if (running != null) {
      running.cancelAll(TaskEnd.BY_SIGNAL);
    }
  }

  /** Runs one scenario to its outcome; the returned future never fails. */
  public Future<ScenarioOutcome> runOne(ScenarioInfo info) {
    listener.scenarioStarted(info);
    Recorder recorder = new Recorder(listener::event, listener::progress);
    boolean debug = options.debug(info.id());
    Tasks tasks = new Tasks(vertx, recorder, debug);
    running = tasks;
    SlowCallbackReports slowCallbacks = debug ? new SlowCallbackReports(vertx, recorder) : null;
    Scenario.Settings settings = new Scenario.Settings(options.timeScale(), options.seed(), options.workDir(),
      options.slowCallbackMs(), options.http(), info.fetches() ? fetcher : null, nodes);
    Scenario scenario = info.create().bind(settings, tasks, recorder);
    JsonObject params = options.paramsOf(info.id());
    long start = System.nanoTime();
    return vertx.deployVerticle(scenario, new DeploymentOptions().setConfig(params))
      .transform(deployed -> {
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        tasks.reportForgotten();
        if (slowCallbacks != null) {
          slowCallbacks.close();
        }
        // What the scenario left running would outlive it: cancel it while its deployment still exists, and let
        // it end there.
        tasks.cancelAll();
        String error = deployed.failed() ? describe(deployed.cause()) : null;
        if (error != null) {
          LOG.debug("Scenario {} failed", info.id(), deployed.cause());
        }
        return windDown(tasks, recorder)
          .compose(v -> deployed.succeeded() ? vertx.undeploy(deployed.result()) : Future.succeededFuture())
          .transform(u -> outcome(info, scenario, recorder, params, elapsedMs, error));
      })
      .compose(this::ended);
  }

  /**
   * Tells the listener the scenario ended, on a worker thread: the text report draws who awaits whom from
   * every task's record, tens of milliseconds at a million tasks, longer than an event loop may be held.
   * The next scenario starts once it has.
   */
  private Future<ScenarioOutcome> ended(ScenarioOutcome outcome) {
    return vertx.executeBlocking(() -> {
      listener.scenarioEnded(outcome);
      return outcome;
    }, false).otherwise(failure -> {
      LOG.warn("Reporting the end of scenario {} failed", outcome.info().id(), failure);
      return outcome;
    });
  }

  /**
   * Waits, up to {@link #WIND_DOWN_MS}, for the code of the scenario's cancelled tasks to end: a download
   * removes its temporary file, a file transform stops between chunks. Only then does the next scenario
   * start or the run end, so nothing it left is still writing while the reports are written, or when
   * Vert.x closes under it (whose worker pool would refuse the clean-up). Past the limit, says so and
   * goes on.
   */
  private Future<Void> windDown(Tasks tasks, Recorder recorder) {
    return tasks.idle()
      .timeout(WIND_DOWN_MS, TimeUnit.MILLISECONDS)
      .recover(late -> {
        recorder.record(-1, EventType.WARN, tasks.running() + " cancelled task(s) still running " + WIND_DOWN_MS
          + " ms after they were cancelled; going on without them (a temporary file of theirs may remain)");
        return Future.succeededFuture();
      });
  }

  /**
   * Checks the claims on a worker thread: at a million tasks, reading the result and the events takes
   * longer than an event loop may be held.
   */
  private Future<ScenarioOutcome> outcome(ScenarioInfo info, Scenario scenario, Recorder recorder, JsonObject params,
                                          double elapsedMs, String error) {
    EventLog log = recorder.log();
    if (interrupted || error != null) {
      Object result = toJsonValue(scenario.result());
      Status status = interrupted ? Status.INTERRUPTED : Status.ERROR;
      return Future.succeededFuture(new ScenarioOutcome(info, status, elapsedMs, interrupted ? "interrupted by a signal" : error,
        List.of(), log, result));
    }
    return vertx.executeBlocking(() -> {
      Object result = toJsonValue(scenario.result());
      JsonObject resultObject = result instanceof JsonObject ? (JsonObject) result : new JsonObject().put("value", result);
      Timeline timeline = new Timeline(log, resultObject, params, options.timeScale(), options.tolerance());
      List<ClaimResult> claims = scenario.claims().stream().map(claim -> claim.checkOn(timeline)).toList();
      Status status = claims.stream().allMatch(ClaimResult::held) ? Status.PASSED : Status.FAILED;
      return new ScenarioOutcome(info, status, elapsedMs, null, claims, log, timeline.events().size(), result);
    }, false).otherwise(failure -> new ScenarioOutcome(info, Status.ERROR, elapsedMs,
      "could not check the claims: " + describe(failure), List.of(), log, null));
  }

  static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  /** Turns what a scenario returned into a value the JSON report can hold. */
  static Object toJsonValue(Object value) {
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray(new ArrayList<>(list.size()));
      list.forEach(item -> array.add(toJsonValue(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.put(String.valueOf(k), toJsonValue(v)));
      return object;
    }
    if (value == null || value instanceof JsonObject || value instanceof JsonArray || value instanceof String
      || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return String.valueOf(value);
  }
}
