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

  /**
   * A command that starts this JVM's {@code java} with {@code args}, its signals at their defaults. A suite
   * started in the background (by nohup, or with a script's {@code &}) hands its children SIGHUP or SIGINT
   * ignored, and a JVM leaves an ignored signal ignored: the tests of what a signal does would see nothing.
   */
  static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP,INT,TERM",
      Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(args));
    return command;
  }

  static AppProcess run(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    List<String> command = java();
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
