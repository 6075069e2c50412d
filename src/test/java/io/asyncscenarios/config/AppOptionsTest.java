package io.asyncscenarios.config;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.param.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppOptionsTest {

  private static final Catalog CATALOG = Catalog.standard();

  @Test
  void defaultsRunEveryTutorialScenarioInCatalogueOrderAtFullSpeed() {
    AppOptions options = AppOptions.defaults(CATALOG);
    assertEquals(CATALOG.defaults(), options.selection());
    assertEquals(1.0, options.timeScale());
    assertEquals(0.10, options.tolerance().ratio());
    assertEquals(50, options.tolerance().ms());
    assertEquals(null, options.reportJson());
    assertEquals(null, options.reportTrace());
    assertEquals(new JsonObject().put("durations", List.of(3.0, 2.0, 4.0)).put("debug", false), options.paramsOf("gather-results"));
  }

  @Test
  void readsEveryKey(@TempDir Path dir) {
    String report = dir.resolve("r.json").toString();
    String trace = dir.resolve("trace.json").toString();
    AppOptions options = AppOptions.fromJson(new JsonObject("""
      {"scenarios": ["tasks", "futures"], "timeScale": 0.5, "tolerance": {"ratio": 0.2, "ms": 10}, "seed": 7,
       "report": {"json": "%s", "trace": "%s"}, "scenario": {"tasks": {"a": 3}}}
      """.formatted(report, trace)), CATALOG);
    assertEquals(List.of("tasks", "futures"), options.selection().stream().map(ScenarioInfo::id).toList());
    assertEquals(0.5, options.timeScale());
    assertEquals(new io.asyncscenarios.claim.Tolerance(0.2, 10), options.tolerance());
    assertEquals(7, options.seed());
    assertEquals(report, options.reportJson());
    assertEquals(trace, options.reportTrace());
    assertEquals(3.0, options.paramsOf("tasks").getDouble("a"));
    assertEquals(1.0, options.paramsOf("tasks").getDouble("b"));
  }

  @Test
  void normalisedJsonReadsBackToTheSameOptions(@TempDir Path dir) {
    JsonObject reports = new JsonObject().put("json", dir.resolve("r.json").toString()).put("trace", dir.resolve("t.json").toString());
    for (AppOptions options : List.of(AppOptions.defaults(CATALOG),
      AppOptions.fromJson(new JsonObject().put("report", reports), CATALOG),
      AppOptions.fromJson(new JsonObject().put("timeScale", 0.2).put("seed", 3), CATALOG),
      AppOptions.fromJson(new JsonObject("{\"http\": {\"sites\": [\"http://127.0.0.1:1/\"]}}"), CATALOG))) {
      assertEquals(options.toJson(), AppOptions.fromJson(options.toJson(), CATALOG).toJson());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    {"scenarios": ["gahter-results"]}                  | unknown scenario 'gahter-results' (did you mean 'gather-results'? --list shows all)
    {"scenarios": ["nothing-like-it"]}                 | unknown scenario 'nothing-like-it' (--list shows all)
    {"scenarios": ["tasks", "tasks"]}                  | scenarios: 'tasks' is listed twice; list each scenario once
    {"scenarios": []}                                  | scenarios: expected a non-empty array, got []
    {"scenarios": "tasks"}                             | scenarios: expected an array, got "tasks"
    {"scenarios": [1]}                                 | scenarios[0]: expected a non-empty string, got 1
    {"timeScale": 0}                                   | timeScale: expected a number > 0 and <= 100, got 0
    {"timeScale": -1}                                  | timeScale: expected a number > 0 and <= 100, got -1
    {"timeScale": 1e6}                                 | timeScale: 1000000.0 is over the limit of 100, which keeps one run within this machine's memory and a sensible time; split the work into several runs
    {"timeScale": "fast"}                              | timeScale: expected a number > 0 and <= 100, got "fast"
    {"timeScale": 1e400}                               | timeScale: expected a number > 0 and <= 100, got a number too large to read
    {"scenario": {"tasks": {"a": -1e400}}}             | scenario.tasks.a: expected a number >= 0 and <= 3600, got a number too large to read
    {"timeScale": null}                                | timeScale: expected a value (leave the key out for the default), got null
    {"timeScal": 1}                                    | unknown key 'timeScal' (did you mean 'timeScale'?): remove it or check its spelling in the README's configuration table
    {"tolerance": {"ratio": -0.1}}                     | tolerance.ratio: expected a number >= 0 and <= 10, got -0.1
    {"tolerance": {"percent": 5}}                      | unknown key 'tolerance.percent': remove it or check its spelling in the README's configuration table
    {"tolerance": 5}                                   | tolerance: expected an object, got 5
    {"seed": 1.5}                                      | seed: expected a whole number >= -9007199254740992 and <= 9007199254740992, got 1.5
    {"report": {"json": "/no/such/folder/r.json"}}     | report.json: folder '/no/such/folder' does not exist; create it or choose another path
    {"report": {"json": ""}}                           | report.json: expected a non-empty string, got ""
    {"report": {"trace": "/no/such/folder/t.json"}}    | report.trace: folder '/no/such/folder' does not exist; create it or choose another path
    {"report": {"trace": 5}}                           | report.trace: expected a non-empty string, got 5
    {"report": {"traces": "t.json"}}                   | unknown key 'report.traces' (did you mean 'trace'?): remove it or check its spelling in the README's configuration table
    {"scenario": {"gather-results": {"durations": [1, "x"]}}} | scenario.gather-results.durations[1]: expected a number >= 0 and <= 3600, got "x"
    {"scenario": {"gather-results": {"durations": [-1]}}}     | scenario.gather-results.durations[0]: expected a number >= 0 and <= 3600, got -1
    {"scenario": {"gather-results": {"duration": [1]}}}       | unknown key 'scenario.gather-results.duration' (did you mean 'durations'?): remove it or check its spelling in the README's configuration table
    {"scenario": {"gahter-results": {}}}                      | unknown scenario 'gahter-results' in scenario.gahter-results (did you mean 'gather-results'? --list shows all)
    {"scenario": {"tasks": {"a": 1e9}}}                       | scenario.tasks.a: 1.0E9 is over the limit of 3600, which keeps one run within this machine's memory and a sensible time; split the work into several runs
    {"scenario": {"gather-results": {"count": 1e9}}}          | scenario.gather-results.count: 1.0E9 is over the limit of 10000000, which keeps one run within this machine's memory and a sensible time; split the work into several runs
    """)
  void refusesABadConfigurationWithOneLineNamingTheKey(String json, String message) {
    ConfigException error = assertThrows(ConfigException.class, () -> AppOptions.fromJson(new JsonObject(json), CATALOG));
    assertEquals(message, error.getMessage());
    assertFalse(error.getMessage().contains("\n"));
  }

  @Test
  void refusesTwoReportsThatAreOneFileThroughALinkedFolder(@TempDir Path dir) throws Exception {
    Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"), dir);
    JsonObject report = new JsonObject().put("json", dir.resolve("r.json").toString()).put("html", link.resolve("r.json").toString());
    ConfigException e = assertThrows(ConfigException.class, () -> AppOptions.fromJson(new JsonObject().put("report", report), CATALOG));
    assertEquals("report.html: '" + link.resolve("r.json") + "' is report.json's path too; give each report its own file", e.getMessage());
  }

  @Test
  void refusesATraceThatIsAnotherReportsFile(@TempDir Path dir) {
    String path = dir.resolve("r.json").toString();
    for (String other : List.of("json", "html")) {
      JsonObject report = new JsonObject().put(other, path).put("trace", path);
      ConfigException e = assertThrows(ConfigException.class, () -> AppOptions.fromJson(new JsonObject().put("report", report), CATALOG));
      assertEquals("report.trace: '" + path + "' is report." + other + "'s path too; give each report its own file", e.getMessage());
    }
  }

  @Test
  void refusesAReportPathThatIsAFolder(@TempDir Path dir) {
    ConfigException error = assertThrows(ConfigException.class,
      () -> AppOptions.fromJson(new JsonObject().put("report", new JsonObject().put("json", dir.toString())), CATALOG));
    assertTrue(error.getMessage().startsWith("report.json: '" + dir + "' is a folder"));
  }

  @Test
  void aFolderGivenForAReportIsToldTheFileNameOfThatReport(@TempDir Path dir) {
    for (String[] keyAndName : new String[][] {{"json", "report.json"}, {"html", "report.html"}, {"trace", "trace.json"}}) {
      ConfigException error = assertThrows(ConfigException.class,
        () -> AppOptions.fromJson(new JsonObject().put("report", new JsonObject().put(keyAndName[0], dir.toString())), CATALOG));
      assertEquals("report." + keyAndName[0] + ": '" + dir + "' is a folder; give a file path such as '" + dir + "/" + keyAndName[1] + "'",
        error.getMessage());
    }
    // Given with its trailing slash, as a shell's completion writes it: the suggestion has one slash, not two.
    ConfigException error = assertThrows(ConfigException.class,
      () -> AppOptions.fromJson(new JsonObject().put("report", new JsonObject().put("json", dir + "/")), CATALOG));
    assertEquals("report.json: '" + dir + "/' is a folder; give a file path such as '" + dir + "/report.json'", error.getMessage());
  }

  @Test
  void reportFlagReplacesTheConfiguredReportsAndChecksItsOwn(@TempDir Path dir) {
    JsonObject configured = new JsonObject().put("json", dir.resolve("a.json").toString()).put("html", dir.resolve("a.html").toString());
    AppOptions options = AppOptions.fromJson(new JsonObject().put("report", configured).put("seed", 7), CATALOG);

    AppOptions flagged = options.withReports(dir.resolve("r.json").toString(), dir.resolve("r.html").toString(),
      dir.resolve("trace.json").toString());

    assertEquals(dir.resolve("r.json").toString(), flagged.reportJson());
    assertEquals(dir.resolve("r.html").toString(), flagged.reportHtml());
    assertEquals(dir.resolve("trace.json").toString(), flagged.reportTrace());
    assertEquals(7, flagged.seed());
    ConfigException error = assertThrows(ConfigException.class, () -> options.withReports(dir.toString(), null, null));
    assertTrue(error.getMessage().startsWith("--report: '" + dir + "' is a folder"), error.getMessage());
    error = assertThrows(ConfigException.class, () -> options.withReports(null, null, dir.toString()));
    assertTrue(error.getMessage().startsWith("--report: '" + dir + "' is a folder"), error.getMessage());
  }
}
