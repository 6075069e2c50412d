package io.asyncscenarios;

import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.cluster.StatusServer;
import io.asyncscenarios.cluster.TaskWorker;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.Leftovers;
import io.asyncscenarios.report.ConsoleReport;
import io.asyncscenarios.report.HtmlReport;
import io.asyncscenarios.report.JsonReport;
import io.asyncscenarios.report.TraceReport;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.Runner;
import io.asyncscenarios.text.Printable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the selected scenarios, writes the reports, and settles the exit code.
 *
 * <p>It is given options {@link Main} has already checked, and reads no configuration of its own:
 * {@link #config()} is empty, and nothing here touches the file system before the run.
 */
public class MainVerticle extends VerticleBase {

  /** Every selected scenario passed. */
  public static final int EXIT_PASSED = 0;
  /** A scenario failed or errored, or a report could not be written. */
  public static final int EXIT_FAILED = 1;
  /** Bad usage or configuration. */
  public static final int EXIT_USAGE = 2;

  private final Promise<Integer> exitCode = Promise.promise();
  private Runner runner;
  // Set by the signal's thread; read there and on the event loop.
  private volatile Integer signalExitCode;
  private final AtomicBoolean interrupted = new AtomicBoolean();
  // This verticle's context once it has started; until then a signal is only noted, for start() to see.
  private volatile Context home;
  // Whether the scenarios have all ended: a signal after that only lets the reports be finished.
  private boolean runEnded;
  private final AppOptions options;
  private final ClusterNodes nodes;
  private final PrintStream out;
  private final PrintStream err;
  private final String statusHost;

  /**
   * @param options checked already ({@link AppOptions#fromJson}); {@code out} is the report, {@code err} the errors
   * @param nodes the cluster of the Vert.x it is deployed on, from the cluster manager that Vert.x was built with,
   *              or {@link ClusterNodes#local()}
   * @param statusHost the address the status port ({@code cluster.statusPort}) listens on: the node's own
   *                   {@code -cluster-host} when clustered, so that a node on a host of its own answers there
   *                   and listens on no other address
   */
  public MainVerticle(AppOptions options, ClusterNodes nodes, PrintStream out, PrintStream err, String statusHost) {
    this.statusHost = Objects.requireNonNull(statusHost, "statusHost");
    this.options = Objects.requireNonNull(options, "options");
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.out = out;
    this.err = err;
  }

  @Override
  public Future<?> start() {
    home = context;
    Integer signalled = signalExitCode;
    if (signalled != null) {
      // A signal came while Vert.x was starting: nothing has run, so nothing is to be reported.
      out.println("== interrupted before any scenario ran");
      exitCode.tryComplete(signalled);
      return Future.succeededFuture();
    }
    if (options.isWorker()) {
      return serveTasks();
    }
    // The run goes on after start() returns: a deployment is meant to come up quickly, and the launcher
    // gives up on one that takes more than two minutes.
    Future<?> status = options.statusPort() == 0 ? Future.succeededFuture()
      : vertx.deployVerticle(new StatusServer(statusHost, options.statusPort(), nodes, JsonArray::new));
    runner = new Runner(vertx, options, nodes, new ConsoleReport(out));
    status
      .onFailure(failure -> {
        err.println("error: cluster.statusPort " + options.statusPort() + ": " + Printable.escape(String.valueOf(failure.getMessage())));
        exitCode.tryComplete(EXIT_USAGE);
      })
      .compose(v -> runner.run())
      .andThen(ran -> runEnded = true)
      .compose(report -> runner.close().otherwiseEmpty().map(report))
      .compose(report -> writeReports(report).map(written -> written ? exitCodeOf(report) : EXIT_FAILED))
      .onComplete(done -> {
        if (done.succeeded()) {
          exitCode.tryComplete(done.result());
        } else if (!exitCode.future().isComplete()) {
          err.println("error: " + Printable.escape(String.valueOf(done.cause().getMessage())));
          exitCode.tryComplete(EXIT_FAILED);
        }
      });
    return Future.succeededFuture();
  }

  /**
   * A worker node: serves tasks until it is stopped; its exit code comes from the signal that stops it.
   * A status port it cannot listen on ends it as it ends a coordinator, with one line and exit code 2. The
   * status server starts first, so that such a worker never takes a task; and the deployment still
   * succeeds, since a failed one would have the launcher log it with a stack trace and exit 15.
   */
  private Future<?> serveTasks() {
    TaskWorker worker = new TaskWorker(nodes);
    Future<?> status = options.statusPort() == 0 ? Future.succeededFuture()
      : vertx.deployVerticle(new StatusServer(statusHost, options.statusPort(), nodes, worker::liveTasks));
    return status
      .transform(bound -> {
        if (bound.failed()) {
          err.println("error: cluster.statusPort " + options.statusPort() + ": " + Printable.escape(String.valueOf(bound.cause().getMessage())));
          exitCode.tryComplete(EXIT_USAGE);
          return Future.succeededFuture();
        }
        return vertx.deployVerticle(worker).onSuccess(id -> out.printf("Worker %s serving tasks on %s (%s); stop it with Ctrl-C or SIGTERM%n",
          nodes.self(), TaskWorker.ADDRESS,
          nodes.clustered() ? "cluster of " + nodes.all().size() : "not clustered: start it with -cluster"));
      });
  }

  /** Writes each configured report, each on its own; completes with whether all were written. */
  private Future<Boolean> writeReports(RunReport report) {
    Future<Boolean> json = write("JSON", options.reportJson(), path -> JsonReport.write(vertx, report, path));
    return json.compose(jsonWritten -> write("HTML", options.reportHtml(), path -> HtmlReport.write(vertx, report, path))
      .map(htmlWritten -> jsonWritten && htmlWritten))
      .compose(written -> write("Trace", options.reportTrace(), path -> TraceReport.write(vertx, report, path, nodes.self()))
        .map(traceWritten -> written && traceWritten));
  }

  private Future<Boolean> write(String kind, String path, Function<String, Future<Void>> writer) {
    if (path == null) {
      return Future.succeededFuture(true);
    }
    return removeLeftovers(path)
      .compose(v -> writer.apply(path))
      .map(v -> {
        out.println(kind + " report: " + path);
        return true;
      })
      .otherwise(e -> {
        err.println("error: could not write the " + kind + " report to '" + path + "': " + FileErrors.describe(e));
        return false;
      });
  }

  /**
   * Removes the temporary files a run that died while writing this report left beside it (a report of
   * a million tasks takes a while to write), saying so in one line; a failure to look is no reason not
   * to write the report.
   */
  private Future<Void> removeLeftovers(String path) {
    Path target = Path.of(path).toAbsolutePath();
    String name = target.getFileName().toString();
    return vertx.executeBlocking(() -> Leftovers.sweep(target.getParent(), name::equals).describe(), false)
      .onSuccess(line -> {
        if (line != null) {
          out.println("warning: " + line + ", beside " + path);
        }
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  private int exitCodeOf(RunReport report) {
    if (signalExitCode != null) {
      return signalExitCode;
    }
    return report.passed() ? EXIT_PASSED : EXIT_FAILED;
  }

  /**
   * A signal asked the program to stop: the run ends after cancelling the running scenario, the reports
   * are still written, and the exit code becomes {@code code} (130 for SIGINT, 143 for SIGTERM). A
   * worker stops serving: it hands its tasks back and leaves the cluster as Vert.x closes. Before this
   * verticle has started, nothing runs at all; once the scenarios have ended, the reports are finished.
   * Acts on the first call only; any thread.
   */
  public void interrupt(int code) {
    if (!interrupted.compareAndSet(false, true)) {
      return;
    }
    signalExitCode = code;
    Context started = home;
    if (started == null) {
      // Before start(), which will see the code; there is no event loop of ours to go to yet.
      return;
    }
    if (exitCode.future().isComplete()) {
      // The run and its reports are done and Vert.x may be closing: its event loops may take nothing more.
      out.println("== interrupted while closing; exiting");
      return;
    }
    try {
      started.runOnContext(v -> stop(code));
    } catch (RejectedExecutionException closing) {
      // Vert.x closed between the check and now: the run is over, and Main exits with the signal's code.
    }
  }

  private void stop(int code) {
    if (exitCode.future().isComplete()) {
      return;
    }
    if (runner == null) {
      exitCode.tryComplete(code);
    } else if (runEnded) {
      out.println();
      out.println("== interrupted while writing the reports: finishing them, then exiting");
    } else {
      out.println();
      out.println("== interrupted: cancelling the running scenario, then writing the reports");
      runner.interrupt();
    }
  }

  /** The exit code of the signal that interrupted the run, if one did. */
  public Integer signalExitCode() {
    return signalExitCode;
  }

  /** Completes with the process exit code once the run and its reports are done. */
  public Future<Integer> exitCode() {
    return exitCode.future();
  }
}
