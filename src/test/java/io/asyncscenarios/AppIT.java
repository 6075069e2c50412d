package io.asyncscenarios;

import io.asyncscenarios.report.TraceFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The application end to end: the fat jar as a process, its exit codes, its output and its JSON report.
 */
class AppIT {

  @TempDir
  Path dir;

  @Test
  void theClassDataSharingArchiveRunShMakesIsWrittenAndUsed() throws Exception {
    // run.sh's training run: JDK 17 crashed writing it once a lambda implemented one of picocli's Java 5 interfaces.
    Path archive = dir.resolve("app.jsa");
    AppProcess training = AppProcess.run(dir, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
      "-Xlog:cds+dynamic=off"), "async-def", "-conf", "{\"timeScale\":0.03}");
    assertEquals(0, training.exitCode(), training::toString);
    assertTrue(Files.size(archive) > 0, "an archive was written");
    AppProcess used = AppProcess.run(dir, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:cds=off",
      "-Xlog:cds+dynamic=off"), "async-def", "-conf", "{\"timeScale\":0.03}");
    assertEquals(0, used.exitCode(), used::toString);
  }

  @Test
  void gatherResultsWritesAReportWithTheTutorialsFinishOrder() throws Exception {
    AppProcess app = AppProcess.run(dir, "-conf",
      "{\"scenarios\":[\"gather-results\"],\"timeScale\":0.1,\"report\":{\"json\":\"r.json\"}}");
    assertEquals(0, app.exitCode(), app::toString);
    assertTrue(app.stdout().contains("Results: [Task 1 result, Task 2 result, Task 3 result]"), app.stdout());
    assertTrue(app.stdout().contains("JSON report: r.json"));

    JsonObject report = new JsonObject(Files.readString(dir.resolve("r.json")));
    assertEquals(1, report.getInteger("schemaVersion"));
    assertEquals(0.1, report.getDouble("timeScale"));
    assertEquals("passed", report.getString("status"));
    JsonObject scenario = report.getJsonArray("scenarios").getJsonObject(0);
    assertEquals("gather-results", scenario.getString("id"));
    assertEquals("passed", scenario.getString("status"));
    assertEquals(400, scenario.getDouble("elapsedMs"), 100);
    List<String> finished = scenario.getJsonArray("events").stream()
      .map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("finish") && e.getString("task").startsWith("Task "))
      .map(e -> e.getString("task"))
      .collect(Collectors.toList());
    assertEquals(List.of("Task 2", "Task 1", "Task 3"), finished);
    assertTrue(scenario.getJsonArray("claims").stream().map(JsonObject.class::cast).allMatch(c -> c.getBoolean("held")));
    assertEquals(new JsonArray().add("Task 1 result").add("Task 2 result").add("Task 3 result"), scenario.getJsonArray("result"));
  }

  @Test
  void scenarioIdsOnTheCommandLineSelectWhatRuns() throws Exception {
    AppProcess app = AppProcess.run(dir, "async-def", "futures", "-conf", "{\"timeScale\":0.05}");
    assertEquals(0, app.exitCode(), app::toString);
    assertTrue(app.stdout().indexOf("== async-def") < app.stdout().indexOf("== futures"));
    assertTrue(app.stdout().contains("== 2 scenario(s): 2 passed, 0 failed, 0 errors"), app.stdout());
    assertFalse(app.stdout().contains("== tasks"));
  }

  @Test
  void confOnTheCommandLineWinsOverConfConfigJson() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), "{\"scenarios\":[\"async-def\",\"futures\"],\"timeScale\":0.05}");
    AppProcess fromFile = AppProcess.run(dir);
    assertEquals(0, fromFile.exitCode(), fromFile::toString);
    assertTrue(fromFile.stdout().contains("== 2 scenario(s)"), fromFile.stdout());
    AppProcess overridden = AppProcess.run(dir, "-conf", "{\"scenarios\":[\"async-def\"]}");
    assertTrue(overridden.stdout().contains("== 1 scenario(s)"), overridden.stdout());
    assertTrue(overridden.stdout().contains("(timeScale 0.05)"), "the file's other keys still apply");
  }

  @Test
  void listShowsTheCatalogue() throws Exception {
    AppProcess app = AppProcess.run(dir, "--list");
    assertEquals(0, app.exitCode());
    assertEquals(io.asyncscenarios.catalog.Catalog.standard().all().size(), app.stdout().lines().count(), app.stdout());
    assertTrue(app.stdout().contains("gather-results"));
    assertTrue(app.stdout().contains("asyncio.gather()"));
  }

  @Test
  void aClaimThatDoesNotHoldExitsWithOne() throws Exception {
    // No tolerance at all: no measured total can equal the expected one to the nanosecond.
    AppProcess app = AppProcess.run(dir, "gather-basics", "-conf", "{\"timeScale\":0.05,\"tolerance\":{\"ratio\":0,\"ms\":0}}");
    assertEquals(1, app.exitCode(), app::toString);
    assertTrue(app.stdout().contains("NOT HELD"), app.stdout());
    assertTrue(app.stdout().contains("FAILED"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    -conf {"scenarios":["gahter-results"]}     | error: unknown scenario 'gahter-results' (did you mean 'gather-results'? --list shows all)
    gahter-results                             | error: unknown scenario 'gahter-results' (did you mean 'gather-results'? --list shows all)
    -conf {"timeScale":0}                      | error: timeScale: expected a number > 0 and <= 100, got 0
    -conf {"timeScale":                        | error: -conf: invalid JSON
    -conf missing.json                         | error: config file 'missing.json' does not exist; check the path or pass inline JSON to -conf
    -conf {"seed":"x"}                         | error: seed: expected a whole number
    -conf {"report":{"json":"nowhere/r.json"}} | error: report.json: folder
    --frobnicate                               | error: unknown option '--frobnicate' (--help lists the options)
    -conf                                      | error: option '-conf' needs a value
    -conf {"scenarios":"tasks"}                | error: scenarios: expected an array, got "tasks"
    -conf {"scenarios":[]}                     | error: scenarios: expected a non-empty array, got []
    -conf {"scenarios":["tasks","tasks"]}      | error: scenarios: 'tasks' is listed twice
    -conf {"timeScale":"fast"}                 | error: timeScale: expected a number > 0 and <= 100, got "fast"
    -conf {"timeScale":"NaN"}                  | error: timeScale: expected a number > 0 and <= 100, got "NaN"
    -conf {"timeScale":-1}                     | error: timeScale: expected a number > 0 and <= 100, got -1
    -conf {"timeScale":1e6}                    | error: timeScale: 1000000.0 is over the limit of 100
    -conf {"seed":"Infinity"}                  | error: seed: expected a whole number
    -conf {"tolerance":5}                      | error: tolerance: expected an object, got 5
    -conf {"tolerance":{"ratio":-1}}           | error: tolerance.ratio: expected a number >= 0 and <= 10, got -1
    -conf {"timescale":1}                      | error: unknown key 'timescale' (did you mean 'timeScale'?)
    -conf {"workDir":""}                       | error: workDir: expected a non-empty string, got ""
    -conf {"debug":"yes"}                      | error: debug: expected true or false, got "yes"
    -conf {"role":"worker"}                    | error: role: a worker serves the tasks of clustered coordinators and needs -cluster
    -conf {"role":"boss"}                      | error: role: expected "coordinator" or "worker", got "boss"
    -conf {"cluster":{"statusPort":70000}}     | error: cluster.statusPort: 70000 is over the limit of 65535
    -conf {"http":{"concurrency":0}}           | error: http.concurrency: expected a whole number >= 1 and <= 1024, got 0
    -conf {"http":{"sites":"x"}}               | error: http.sites: expected an array, got "x"
    -conf {"http":{"timeoutMs":-5}}            | error: http.timeoutMs: expected a whole number >= 1
    -conf {"report":{"json":5}}                | error: report.json: expected a non-empty string, got 5
    -conf {"report":{"html":"/dev/null/r.html"}} | error: report.html: folder '/dev/null' does not exist
    -conf {"scenario":{"nope":{}}}             | error: unknown scenario 'nope' in scenario.nope (--list shows all)
    -conf {"scenario":{"gather-results":{"durations":[]}}} | error: scenario.gather-results.durations: expected a non-empty array, got []
    -conf {"scenario":{"gather-results":{"durations":[1e9]}}} | error: scenario.gather-results.durations[0]: 1.0E9 is over the limit of 3600
    -conf {"scenario":{"gather-results":{"count":1e9}}} | error: scenario.gather-results.count: 1.0E9 is over the limit of 10000000
    -conf {"scenario":{"distributed-gather":{"kind":"gpu"}}} | error: scenario.distributed-gather.kind: expected one of [sleep, cpu], got "gpu"
    -conf [1,2]                                | error: -conf: expected a JSON object or a file, got an array
    -conf .                                    | error: config file '.' is a folder; give a JSON file
    -cluster-port                              | error: option '-cluster-port' needs a value
    -instances 2                               | error: option '-instances' is not supported: the program runs one main verticle; to spread work, start more nodes with --cluster
    -instances 0                               | error: option '-instances' is not supported:
    -instances x                               | error: option '-instances' is not supported:
    --instances=-1                             | error: option '-instances' is not supported:
    -deployment-options {"instances":3}        | error: option '-deployment-options' is not supported: the program deploys its one main verticle itself
    -options {"eventLoopPoolSize":0}           | error: option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got 0
    -options {"workerPoolSize":-1}             | error: option '-options': workerPoolSize: expected a whole number >= 1 and <= 2147483647, got -1
    -options {"internalBlockingPoolSize":0}    | error: option '-options': internalBlockingPoolSize: expected a whole number >= 1
    -options {"eventLoopPoolSize":100000}      | error: option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got 100000
    -options {"eventLoopPoolSize":"x"}         | error: option '-options': eventLoopPoolSize: expected a whole number >= 1 and <= 1024, got "x"
    -options {"eventLoopPoolSIze":4}           | error: option '-options': Vert.x ignores the key 'eventLoopPoolSIze' (did you mean 'eventLoopPoolSize'?)
    -options {"maxEventLoopExecuteTimeUnit":"seconds"} | error: option '-options': maxEventLoopExecuteTimeUnit: Vert.x refuses "seconds"
    -options {bad                              | error: option '-options': invalid JSON
    -options /nonexistent                      | error: option '-options' file '/nonexistent' does not exist; check the path or pass inline JSON
    -options /dev/zero                         | error: option '-options' file '/dev/zero' is over the limit of 1 MiB
    -options .                                 | error: option '-options' file '.' is a folder
    -options [1]                               | error: option '-options': expected a JSON object, got [1]
    -cluster-port x                            | error: option '-cluster-port': expected a whole number from 0 to 65535 (0: any free port), got "x"
    -cluster-port 70000                        | error: option '-cluster-port': expected a whole number from 0 to 65535 (0: any free port), got "70000"
    -cluster-public-port -1                    | error: option '-cluster-public-port': expected a whole number from 1 to 65535, got "-1"
    '-cluster-host '                           | error: option '-cluster-host': expected a host name or address such as 127.0.0.1, got ""
    -cluster-public-host=                      | error: option '-cluster-public-host': expected a host name or address such as 127.0.0.1, got ""
    -cluster-port 5000                         | error: option '-cluster-port' only applies to a clustered run; add -cluster
    -cluster -cluster-host=192.0.2.1           | error: option '-cluster-host': cannot listen on '192.0.2.1'
    -cluster -c                                | error: option '-cluster' is given more than once; give it once
    -cluster=true                              | error: option '-cluster' takes no value
    -worker=yes                                | error: option '-worker' takes no value
    -conf /dev/zero                            | error: config file '/dev/zero' is over the limit of 32 MiB
    -conf {"scenario":{"async-files":{"input":"/dev/zero"}}} | error: scenario.async-files.input: '/dev/zero' is a character device, not a regular file: give a regular file
    -conf {"scenario":{"async-files":{"input":"absent.txt"}}} | error: scenario.async-files.input: 'absent.txt' does not exist
    -conf {"report":{"json":"/dev/null"}}      | error: report.json: '/dev/null' is not a regular file (a device, a pipe or a socket)
    -conf {"report":{"json":"r.json","html":"r.json"}} | error: report.html: 'r.json' is report.json's path too; give each report its own file
    -conf {"report":{"json":"r\\u0000.json"}}   | error: report.json: the value "r\\u0000.json" holds the control character \\u0000; remove it
    -conf {"scenarios":["a\\u001b[2Jb"]}        | error: scenarios[0]: the value "a\\u001b[2Jb" holds the control character \\u001b; remove it
    """)
  void badInputExitsWithTwoAndOneLineWithoutAStackTrace(String args, String message) throws Exception {
    String[] split = args.split(" ", 2);
    AppProcess app = AppProcess.run(dir, split);
    assertEquals(2, app.exitCode(), app::toString);
    assertTrue(app.stderr().startsWith(message), app.stderr());
    assertEquals(1, app.stderr().lines().count(), app.stderr());
    assertFalse((app.stdout() + app.stderr()).contains("Exception"));
    assertEquals(0, Files.list(dir).count(), "nothing written");
  }

  @Test
  void aReportsLeftoverFromADeadRunIsRemovedWithOneLine() throws Exception {
    long dead = Processes.deadPid();
    Path leftover = Files.writeString(dir.resolve(".r.json." + dead + ".k1.tmp"), "{\"schemaVersion\":");
    AppProcess app = AppProcess.run(dir, "async-def", "-conf", "{\"timeScale\":0.03,\"report\":{\"json\":\"r.json\"}}");
    assertEquals(0, app.exitCode(), app::toString);
    assertFalse(Files.exists(leftover), "removed");
    assertTrue(app.stdout().contains("warning: removed 1 temporary file left by runs that died (pid " + dead + "), beside r.json"),
      app.stdout());
  }

  @Test
  void aReportIsNeverMovedOverADeviceOrALink() throws Exception {
    Files.createSymbolicLink(dir.resolve("link.json"), Path.of("/dev/null"));
    for (String target : List.of("/dev/null", "link.json")) {
      AppProcess app = AppProcess.run(dir, "async-def", "-conf", "{\"report\":{\"json\":\"" + target + "\"}}");
      assertEquals(2, app.exitCode(), app::toString);
      assertEquals(1, app.stderr().lines().count(), app.stderr());
    }
    assertTrue(Files.isSymbolicLink(dir.resolve("link.json")));
  }

  @Test
  void aBadConfigurationWithReportLeavesNoReportsFolder() throws Exception {
    AppProcess app = AppProcess.run(dir, "--report", "-conf", "{\"timeScale\":0}");
    assertEquals(2, app.exitCode(), app::toString);
    assertEquals(0, Files.list(dir).count(), "nothing written");
  }

  @Test
  void reportFlagWritesTheReportsAndATraceThatKeepsTheFormatsRules() throws Exception {
    AppProcess app = AppProcess.run(dir, "gather-basics", "--report", "-conf", "{\"timeScale\":0.03}");
    assertEquals(0, app.exitCode(), app::toString);
    for (String line : List.of("JSON report: reports/report.json", "HTML report: reports/report.html", "Trace report: reports/trace.json")) {
      assertTrue(app.stdout().contains(line), app.stdout());
    }
    String trace = Files.readString(dir.resolve("reports/trace.json"));
    assertEquals(List.of(), TraceFormat.problems(trace));
    List<String> slices = TraceFormat.events(trace, "b").stream().map(e -> e.getString("cat") + " " + e.getString("name")).toList();
    assertTrue(slices.containsAll(List.of("scenario gather-basics", "task task1", "task task2")), slices.toString());
    assertEquals(List.of("Task 1 started", "Task 2 started", "Task 2 finished", "Task 1 finished"),
      TraceFormat.events(trace, "i").stream().filter(e -> e.getString("cat").equals("print")).map(e -> e.getString("name")).toList());
    assertTrue(TraceFormat.events(trace, "M").stream()
      .anyMatch(e -> e.getString("name").equals("process_name") && e.getJsonObject("args").getString("name").equals("local")));
  }

  @Test
  void aControlCharacterOnTheCommandLineIsRefusedOnOneEscapedLine() throws Exception {
    AppProcess app = AppProcess.run(dir, "gather-results", "tas\nks\u001b[2J");
    assertEquals(2, app.exitCode(), app::toString);
    assertEquals("error: argument 2 \"tas\\nks\\u001b[2J\" holds the control character \\n; remove it\n", app.stderr());
    assertEquals(0, Files.list(dir).count(), "nothing written");
  }

  @Test
  void aMillionTasksRunInABoundedHeapWithoutASlowCallback(@TempDir Path dir) throws Exception {
    // Debug mode's checker reports any turn of the event loop over 100 ms: starting, waking and gathering
    // a million tasks must happen in short turns, and the claims and reports off the loop.
    AppProcess app = AppProcess.run(dir, List.of("-Xmx512m"), "gather-results", "-conf",
      "{\"debug\":true,\"scenario\":{\"gather-results\":{\"count\":1000000,\"durations\":[1]}}}");
    assertEquals(0, app.exitCode(), app::toString);
    assertTrue(app.stdout().contains("3/3 claims held"), app.stdout());
    // A collection that stops the JVM may be reported as such; a callback of ours that ran long may not.
    assertFalse(app.stdout().contains("has been blocked"), app.stdout());
    assertTrue(app.stdout().contains("lines not shown (a JSON report, --report, keeps every one)"), app.stdout());
  }

  @Test
  void streamsA200MegabyteFileInSixtyFourMegabytesOfHeap() throws Exception {
    byte[] line = "비동기 asyncio straße 🙂 line\n".getBytes(StandardCharsets.UTF_8);
    byte[] upper = "비동기 ASYNCIO STRASSE 🙂 LINE\n".getBytes(StandardCharsets.UTF_8);
    long lines = 200L * 1024 * 1024 / line.length;
    Path big = dir.resolve("big.txt");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 16)) {
      for (long i = 0; i < lines; i++) {
        out.write(line);
      }
    }
    AppProcess app = AppProcess.run(dir, List.of("-Xmx64m"), "async-files", "-conf",
      "{\"timeScale\":0.05,\"scenario\":{\"async-files\":{\"input\":\"big.txt\"}}}");
    assertEquals(0, app.exitCode(), app::toString);
    Path out = dir.resolve("work/big.txt.upper");
    assertEquals(lines * upper.length, Files.size(out));
    try (InputStream in = new BufferedInputStream(Files.newInputStream(out), 1 << 16)) {
      for (long i = 0; i < lines; i++) {
        assertArrayEquals(upper, in.readNBytes(upper.length), "line " + i);
      }
    }
  }

  @Test
  void aStatusPortAlreadyInUseIsOneLineAndExitTwo() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      AppProcess app = AppProcess.run(dir, "async-def", "-conf", "{\"cluster\":{\"statusPort\":" + busy.getLocalPort() + "}}");
      assertEquals(2, app.exitCode(), app::toString);
      assertTrue(app.stderr().startsWith("error: cluster.statusPort " + busy.getLocalPort() + ": "), app.stderr());
      assertEquals(1, app.stderr().lines().count(), app.stderr());
      assertFalse((app.stdout() + app.stderr()).contains("Exception"));
    }
  }

  @Test
  void virtualThreadsBeforeJava21AreOneLineAndExitTwo() throws Exception {
    assumeTrue(Runtime.version().feature() < CommandLine.VIRTUAL_THREADS_SINCE, "this JVM has virtual threads");
    for (String[] args : List.of(new String[] {"-vt"}, new String[] {"--virtual-thread", "-worker"})) {
      AppProcess app = AppProcess.run(dir, args);
      assertEquals(2, app.exitCode(), app::toString);
      assertEquals("error: option '-vt' needs Java " + CommandLine.VIRTUAL_THREADS_SINCE + " or later for virtual threads, and this is Java "
        + Runtime.version().feature() + "; run on a newer JVM or leave out -vt\n", app.stderr());
      assertEquals("", app.stdout());
    }
  }

  @Test
  void workerRunsTheMainVerticleOnAWorkerThreadAndTheScenariosStillPass() throws Exception {
    // -worker changes only MainVerticle's thread: each scenario is a verticle of its own, on an event loop.
    AppProcess app = AppProcess.run(dir, "sync-vs-async", "debug-mode", "-worker", "-conf", "{\"timeScale\":0.05}");
    assertEquals(0, app.exitCode(), app::toString);
    assertTrue(app.stdout().contains("== 2 scenario(s): 2 passed"), app.stdout());
  }

  @Test
  void vertxOptionsFromAFileReachVertx() throws Exception {
    // One event loop: every scenario's log lines name the same thread.
    Files.writeString(dir.resolve("vertx.json"), "{\"eventLoopPoolSize\":1}");
    AppProcess app = AppProcess.run(dir, "logging", "tasks", "-options", "vertx.json", "-conf", "{\"timeScale\":0.05}");
    assertEquals(0, app.exitCode(), app::toString);
    // The DEBUG records go to the console's log stream, stderr.
    String output = app.stdout() + app.stderr();
    assertTrue(output.contains("[vert.x-eventloop-thread-0]"), output);
    assertFalse(output.contains("[vert.x-eventloop-thread-1]"), output);
  }

  @Test
  void aClusterPortInUseIsOneLineAndExitTwo() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      AppProcess app = AppProcess.run(dir, "async-def", "-cluster", "-cluster-port", String.valueOf(busy.getLocalPort()));
      assertEquals(2, app.exitCode(), app::toString);
      assertEquals("error: option '-cluster-port': port " + busy.getLocalPort() + " on 127.0.0.1 is already in use; give a free one, or 0 for any\n",
        app.stderr());
    }
  }

  @Test
  void aStatusPortThatIsAlsoTheEventBusPortIsRefused() throws Exception {
    int port = FreePorts.one();
    AppProcess app = AppProcess.run(dir, "-cluster", "-cluster-port", String.valueOf(port), "-conf",
      "{\"role\":\"worker\",\"cluster\":{\"statusPort\":" + port + "}}");
    assertEquals(2, app.exitCode(), app::toString);
    assertEquals("error: cluster.statusPort " + port + " is the event bus's -cluster-port too; give each its own port\n", app.stderr());
  }

  @Test
  void aWorkersStatusPortAlreadyInUseIsOneLineAndExitTwo() throws Exception {
    // A cluster of its own: the project's loopback-only configuration under a name no other run uses, so
    // that this node joins no cluster another test (or build) has running on ports 5701-5710.
    Path clusterXml = dir.resolve("cluster.xml");
    Files.writeString(clusterXml, Files.readString(Path.of("src/main/resources/cluster.xml"))
      .replace("<cluster-name>async-scenarios</cluster-name>", "<cluster-name>status-port-test-" + ProcessHandle.current().pid() + "</cluster-name>"));
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      AppProcess app = AppProcess.run(dir, List.of("-Dvertx.hazelcast.config=" + clusterXml), "-cluster", "-conf",
        "{\"role\":\"worker\",\"cluster\":{\"statusPort\":" + busy.getLocalPort() + "}}");
      assertEquals(2, app.exitCode(), app::toString);
      assertTrue(app.stderr().startsWith("error: cluster.statusPort " + busy.getLocalPort() + ": "), app.stderr());
      assertEquals(1, app.stderr().lines().count(), app.stderr());
      assertFalse((app.stdout() + app.stderr()).contains("Exception"), app::toString);
      // The status server starts first: a worker without it never announces itself or takes a task.
      assertFalse(app.stdout().contains("serving tasks"), app.stdout());
    }
  }

  @Test
  void aFullDiskLeavesNoHalfWrittenReportAndSaysSoOnce() throws Exception {
    // A file-size limit stands in for a full disk: writing the reports fails part way.
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // 300 tasks make a JSON report of about 150 KB, far over the 8 KB allowed.
    Process process = new ProcessBuilder("bash", "-c", "ulimit -f 8; exec \"$0\" -jar \"$1\" sync-vs-async gather-results -conf "
      + "'{\"timeScale\":0.05,\"scenario\":{\"gather-results\":{\"count\":300}},\"report\":{\"json\":\"r.json\",\"html\":\"r.html\"}}'",
      javaBinary, AppProcess.JAR.toString())
      .directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    String err = Files.readString(dir.resolve("err.txt"));
    assertEquals(1, process.exitValue(), err);
    assertEquals(List.of("error: could not write the JSON report to 'r.json': File too large",
      "error: could not write the HTML report to 'r.html': File too large"), err.lines().toList());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("err.txt", "out.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
        "no report, no temporary file");
    }
  }

  @Test
  void helpExplainsTheCommandLine() throws Exception {
    AppProcess app = AppProcess.run(dir, "--help");
    assertEquals(0, app.exitCode());
    assertTrue(app.stdout().startsWith("Usage: java -jar target/app-fat.jar"));
  }
}
