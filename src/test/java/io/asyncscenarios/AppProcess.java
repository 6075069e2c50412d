package io.asyncscenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fat jar run as a real process, the way users run it, with its exit code and both output streams.
 */
record AppProcess(int exitCode, String stdout, String stderr) {

  static final Path JAR = Path.of(System.getProperty("app.jar", "target/app-fat.jar")).toAbsolutePath();

  static AppProcess run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, List.of(), args);
  }

  static AppProcess run(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("app-out", ".txt");
    Path err = Files.createTempFile("app-err", ".txt");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
      .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the application did not exit within 90 s: " + String.join(" ", args));
    }
    AppProcess result = new AppProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
      Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }
}
