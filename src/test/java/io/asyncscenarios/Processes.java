package io.asyncscenarios;

import java.io.IOException;

/** Process ids for tests of what belongs to whom: temporary files are named after their writer's pid. */
public final class Processes {

  private Processes() {
  }

  /** The id of a process that has ended: one started and waited for. */
  public static long deadPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }
}
