package io.asyncscenarios;

import sun.misc.Signal;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT, SIGTERM and SIGHUP (the terminal closed): the first one stops the run gracefully ({@link MainVerticle#interrupt}), so the
 * reports are still written and temporary files removed; a second one ends the process at once.
 *
 * <p>Handled with {@code sun.misc.Signal} (module jdk.unsupported, meant for this) rather than a shutdown
 * hook: by the time shutdown hooks run the JVM is already exiting, too late to finish a report. Installed
 * as the program starts: a signal that comes while the configuration is read, before anything has been
 * started or written, ends the program there and then, with its exit code and one line.
 */
final class Interrupts {

  /** The shell's convention: 128 plus the signal's number. */
  static final int SIGHUP_EXIT = 129;
  static final int SIGINT_EXIT = 130;
  static final int SIGTERM_EXIT = 143;

  private final AtomicBoolean once = new AtomicBoolean();
  private final PrintStream out;
  // Where a signal goes once the run is being started; set from main, read on the signal's thread.
  private volatile MainVerticle target;

  private Interrupts(PrintStream out) {
    this.out = out;
  }

  static Interrupts install(PrintStream out) {
    Interrupts interrupts = new Interrupts(out);
    // Left to the JVM, a hang-up would run the shutdown hooks while the run goes on: traces, no reports.
    Map.of("HUP", SIGHUP_EXIT, "INT", SIGINT_EXIT, "TERM", SIGTERM_EXIT)
      .forEach((name, code) -> Signal.handle(new Signal(name), signal -> interrupts.handle(code)));
    return interrupts;
  }

  private void handle(int code) {
    if (!once.compareAndSet(false, true)) {
      System.err.println("error: second signal, exiting at once");
      Runtime.getRuntime().halt(code);
    }
    MainVerticle verticle = target;
    if (verticle != null) {
      verticle.interrupt(code);
    } else {
      out.println("== interrupted before any scenario ran");
      System.exit(code);
    }
  }

  /** From now on a signal is {@code verticle}'s to handle: Vert.x is about to start. */
  void deliverTo(MainVerticle verticle) {
    target = verticle;
  }
}
