package io.asyncscenarios.report;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.RunListener;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;

import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * The report for people: a header per scenario, the tutorial's lines as they are printed, the claims
 * with what was expected and measured, and a closing line for the run.
 */
public final class ConsoleReport implements RunListener {

  private final PrintStream out;
  private final boolean terminal;
  // Whether a progress line is on screen, to be overwritten by the next line.
  private boolean progressShown;

  public ConsoleReport(PrintStream out) {
    this(out, System.console() != null);
  }

  /** @param terminal whether stdout is a terminal: progress is shown only there, never in a pipe or a file */
  public ConsoleReport(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void progress(String line) {
    if (terminal) {
      out.print("\r\033[K   " + line);
      out.flush();
      progressShown = true;
    }
  }

  private void clearProgress() {
    if (progressShown) {
      out.print("\r\033[K");
      progressShown = false;
    }
  }

  @Override
  public void scenarioStarted(ScenarioInfo info) {
    out.println();
    out.println("== " + info.id() + ": " + info.title());
    out.println("   tutorial: " + info.section());
  }

  @Override
  public synchronized void event(Event event) {
    clearProgress();
    if (event.type() == EventType.PRINT) {
      out.printf("   %8.3f s  %s%n", event.tMs() / 1000, indent(event.message()));
    } else if (event.type() == EventType.WARN) {
      out.printf("   %8.3f s  WARNING %s%n", event.tMs() / 1000, indent(event.message()));
    }
  }

  @Override
  public synchronized void scenarioEnded(ScenarioOutcome outcome) {
    clearProgress();
    for (ClaimResult claim : outcome.claims()) {
      out.printf("   %s %s: expected %s, actual %s%n", claim.held() ? "✓" : "✗ NOT HELD:", claim.text(),
        oneLine(claim.expected()), oneLine(claim.actual()));
    }
    String verdict = switch (outcome.status()) {
      case PASSED -> "passed";
      case FAILED -> "FAILED";
      case ERROR -> "ERROR: " + outcome.error();
      case INTERRUPTED -> "INTERRUPTED";
    };
    out.printf("   %s in %.2f s, %d/%d claims held%n", verdict, outcome.elapsedMs() / 1000, outcome.claimsHeld(), outcome.claims().size());
  }

  /** The figures of the benchmarks that ran, one line each: what `./run.sh bench` ends with. */
  private void printMetrics(RunReport report) {
    boolean header = false;
    for (ScenarioOutcome outcome : report.scenarios()) {
      if (outcome.result() instanceof JsonObject result && result.getValue("metrics") instanceof JsonObject metrics) {
        if (!header) {
          out.println("== figures");
          header = true;
        }
        String figures = metrics.stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  "));
        out.printf("   %-14s %s%n", outcome.info().id(), figures);
      }
    }
  }

  /** Continuation lines of a multi-line message line up under its first line. */
  private static String indent(String message) {
    return message.replace("\n", "\n" + " ".repeat(14));
  }

  private static String oneLine(String text) {
    return text.replace("\n", "\\n");
  }

  @Override
  public void runEnded(RunReport report) {
    out.println();
    printMetrics(report);
    out.printf("== %d scenario(s): %d passed, %d failed, %d errors%s in %.2f s (timeScale %s)%n",
      report.scenarios().size(), report.count(Status.PASSED), report.count(Status.FAILED), report.count(Status.ERROR),
      report.interrupted() ? ", interrupted" : "", report.elapsedMs() / 1000, report.options().timeScale());
  }
}
