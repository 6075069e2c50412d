package io.asyncscenarios;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM: the first one stops the run gracefully ({@link MainVerticle#interrupt}), so the
 * reports are still written and temporary files removed; a second one ends the process at once.
 *
 * <p>Handled with {@code sun.misc.Signal} (module jdk.unsupported, meant for this) rather than a shutdown
 * hook: by the time shutdown hooks run the JVM is already exiting, too late to finish a report.
 */
final class Interrupts {

  /** The shell's convention: 128 plus the signal's number. */
  static final int SIGINT_EXIT = 130;
  static final int SIGTERM_EXIT = 143;

  private Interrupts() {
  }

  static void install(MainVerticle verticle) {
    AtomicBoolean once = new AtomicBoolean();
    for (String name : new String[] {"INT", "TERM"}) {
      int code = name.equals("INT") ? SIGINT_EXIT : SIGTERM_EXIT;
      Signal.handle(new Signal(name), signal -> {
        if (once.compareAndSet(false, true)) {
          verticle.interrupt(code);
        } else {
          System.err.println("error: second signal, exiting at once");
          Runtime.getRuntime().halt(code);
        }
      });
    }
  }
}
