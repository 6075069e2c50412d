package io.asyncscenarios.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reference tool a benchmark compares itself with in the same run ({@code tr}, {@code wrk}): found on
 * the PATH or not, and run as a process with a time limit. Blocking: call it from a worker thread.
 */
public final class Reference {

  private Reference() {
  }

  public static boolean available(String tool) {
    String path = System.getenv("PATH");
    return path != null && List.of(path.split(File.pathSeparator)).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  /** Runs {@code command}, its input and output redirected as given ({@code null} to keep), and returns its output. */
  public static String run(List<String> command, Path input, Path output, long timeoutSeconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile("reference", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(output == null ? log.toFile() : output.toFile());
      if (input != null) {
        builder.redirectInput(input.toFile());
      }
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(command.get(0) + " exited with " + process.exitValue() + ": " + Files.readString(log).strip());
      }
      return Files.readString(log);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
