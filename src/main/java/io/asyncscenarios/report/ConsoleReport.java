package io.asyncscenarios.report;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.RunListener;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.text.Printable;

import java.io.PrintStream;
import java.util.List;

/**
 * The report for people: a header per scenario, the tutorial's lines as they are printed, its tasks as a
 * tree of who awaits whom, the claims with what was expected and measured, and a closing line for the run.
 */
public final class ConsoleReport implements RunListener {

  /** A scenario's first lines are shown as they come, then only its last few, once it ends. */
  static final int HEAD_LINES = 40;
  static final int TAIL_LINES = 10;
  /** A scenario's tree of tasks is drawn this far, the rest counted. */
  static final int TREE_LINES = 40;
  /** How much of a claim's expected and actual value the console shows. */
  static final int CLAIM_VALUE = 200;

  private final PrintStream out;
  // The lines past the head, the last TAIL_LINES of them in a ring.
  private final Event[] tail = new Event[TAIL_LINES];
  private int shown;
  private long pastHead;
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
      out.print("\r\033[K   " + Printable.escape(line));
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
  public synchronized void scenarioStarted(ScenarioInfo info) {
    shown = 0;
    pastHead = 0;
    out.println();
    out.println("== " + info.id() + ": " + info.title());
    out.println("   tutorial: " + info.section());
  }

  @Override
  public synchronized void event(Event event) {
    if (event.type() != EventType.PRINT && event.type() != EventType.WARN) {
      return;
    }
    if (shown < HEAD_LINES) {
      shown++;
      clearProgress();
      out.println(line(event));
      return;
    }
    // Past the head, only the last few are kept, to be shown when the scenario ends.
    tail[(int) (pastHead++ % TAIL_LINES)] = event;
  }

  private static String line(Event event) {
    String warning = event.type() == EventType.WARN ? "WARNING " : "";
    return String.format("   %8.3f s  %s%s", event.tMs() / 1000, warning, indent(event.message()));
  }

  @Override
  public synchronized void scenarioEnded(ScenarioOutcome outcome) {
    clearProgress();
    long dropped = Math.max(0, pastHead - TAIL_LINES);
    if (dropped > 0) {
      out.printf("   ... %,d lines not shown (a JSON report, --report, keeps every one) ...%n", dropped);
    }
    for (long i = dropped; i < pastHead; i++) {
      out.println(line(tail[(int) (i % TAIL_LINES)]));
    }
    pastHead = 0;
    printTasks(outcome);
    for (ClaimResult claim : outcome.claims()) {
      out.printf("   %s %s: expected %s, actual %s%n", claim.held() ? "✓" : "✗ NOT HELD:", claim.text(),
        oneLine(claim.expected()), oneLine(claim.actual()));
    }
    String verdict = switch (outcome.status()) {
      case PASSED -> "passed";
      case FAILED -> "FAILED";
      case ERROR -> "ERROR: " + Printable.escape(outcome.error());
      case INTERRUPTED -> "INTERRUPTED";
    };
    out.printf("   %s in %.2f s, %d/%d claims held%n", verdict, outcome.elapsedMs() / 1000, outcome.claimsHeld(), outcome.claims().size());
  }

  /**
   * Who awaits whom, drawn from the columns the log keeps: tens of milliseconds at a million tasks, which is
   * why the runner reports a scenario's end from a worker thread.
   */
  private void printTasks(ScenarioOutcome outcome) {
    // A scenario that ran as its main task alone has no one to draw beside it.
    if (outcome.log().taskCount() < 2) {
      return;
    }
    List<String> tree = TaskTree.lines(outcome.log(), outcome.eventCount(), TREE_LINES);
    if (!tree.isEmpty()) {
      out.println("   tasks (each under the task that awaits it, else the one that created it):");
      tree.forEach(line -> out.println("   " + line));
    }
  }

  /**
   * Continuation lines of a multi-line message line up under its first line. Any other control
   * character is shown escaped: messages quote servers and files, which must not drive the terminal.
   */
  private static String indent(String message) {
    return Printable.escapeKeepingLines(message).replace("\n", "\n" + " ".repeat(14));
  }

  /**
   * A claim's expected or actual value on one line, cut past {@link #CLAIM_VALUE} characters: http-fetch's
   * hundred URLs made a line of 1,400. The JSON report keeps the whole value.
   */
  private static String oneLine(String text) {
    return Printable.cut(text, CLAIM_VALUE);
  }

  @Override
  public void runEnded(RunReport report) {
    out.println();
    out.printf("== %d scenario(s): %d passed, %d failed, %d errors%s in %.2f s (timeScale %s)%n",
      report.scenarios().size(), report.count(Status.PASSED), report.count(Status.FAILED), report.count(Status.ERROR),
      report.interrupted() ? ", interrupted" : "", report.elapsedMs() / 1000, report.options().timeScale());
  }
}
