package io.asyncscenarios.config;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.Tolerance;
import io.asyncscenarios.io.HttpOptions;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.ConfigReader;
import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.param.Range;
import io.asyncscenarios.param.Suggestions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked configuration of a run: which scenarios, how fast, how strict, and where reports go.
 * Built from the merged JSON configuration; every key is typed and range-checked here, so that a bad
 * value stops the program before anything runs.
 */
public final class AppOptions {

  public static final double DEFAULT_TIME_SCALE = 1.0;
  /** Beyond this the tutorial's 6 s would take more than ten minutes. */
  public static final double MAX_TIME_SCALE = 100;
  public static final long DEFAULT_SEED = 42;
  public static final String DEFAULT_WORK_DIR = "work";
  public static final String ROLE_COORDINATOR = "coordinator";
  public static final String ROLE_WORKER = "worker";
  /** asyncio's {@code slow_callback_duration}: an event loop busy longer than this is reported in debug mode. */
  public static final long DEFAULT_SLOW_CALLBACK_MS = 100;

  private final List<ScenarioInfo> selection;
  private final double timeScale;
  private final Tolerance tolerance;
  private final long seed;
  private final String workDir;
  private final boolean debug;
  private final String role;
  private final int statusPort;
  private final long slowCallbackMs;
  private final HttpOptions http;
  private final String reportJson;
  private final String reportHtml;
  private final String reportTrace;
  private final Map<String, JsonObject> params;

  private AppOptions(List<ScenarioInfo> selection, double timeScale, Tolerance tolerance, long seed,
                     String workDir, boolean debug, String role, int statusPort, long slowCallbackMs, HttpOptions http,
                     String reportJson, String reportHtml, String reportTrace, Map<String, JsonObject> params) {
    this.selection = List.copyOf(selection);
    this.timeScale = timeScale;
    this.tolerance = tolerance;
    this.seed = seed;
    this.workDir = workDir;
    this.debug = debug;
    this.role = role;
    this.statusPort = statusPort;
    this.slowCallbackMs = slowCallbackMs;
    this.http = http;
    this.reportJson = reportJson;
    this.reportHtml = reportHtml;
    this.reportTrace = reportTrace;
    this.params = Map.copyOf(params);
  }

  /** The built-in defaults: every tutorial scenario at time scale 1. */
  public static AppOptions defaults(Catalog catalog) {
    return fromJson(new JsonObject(), catalog);
  }

  /**
   * Checks a configuration and builds the options from it.
   *
   * @throws ConfigException naming the first key that is wrong and what it should be
   */
  public static AppOptions fromJson(JsonObject json, Catalog catalog) {
    ConfigReader reader = new ConfigReader(json);
    List<ScenarioInfo> selection = selection(reader, catalog);
    double timeScale = reader.number("timeScale", DEFAULT_TIME_SCALE, Range.above(0).atMost(MAX_TIME_SCALE));
    ConfigReader tol = reader.object("tolerance");
    Tolerance tolerance = new Tolerance(
      tol.number("ratio", Tolerance.DEFAULT_RATIO, Range.atLeast(0).atMost(10)),
      tol.number("ms", Tolerance.DEFAULT_MS, Range.atLeast(0).atMost(60_000)));
    tol.rejectUnknown();
    long seed = reader.integer("seed", DEFAULT_SEED, Range.atLeast(-(1L << 53)).atMost(1L << 53));
    String workDir = reader.string("workDir", DEFAULT_WORK_DIR);
    if (Files.exists(Path.of(workDir)) && !Files.isDirectory(Path.of(workDir))) {
      throw new ConfigException("workDir: '" + workDir + "' exists and is not a folder; remove it or choose another workDir");
    }
    boolean debug = reader.bool("debug", false);
    long slowCallbackMs = reader.integer("slowCallbackMs", DEFAULT_SLOW_CALLBACK_MS, Range.atLeast(1).atMost(60_000));
    String role = reader.string("role", ROLE_COORDINATOR);
    if (!role.equals(ROLE_COORDINATOR) && !role.equals(ROLE_WORKER)) {
      throw new ConfigException("role: expected \"coordinator\" or \"worker\", got \"" + role + "\"");
    }
    ConfigReader cluster = reader.object("cluster");
    int statusPort = (int) cluster.integer("statusPort", 0, Range.atLeast(0).atMost(65_535));
    cluster.rejectUnknown();
    HttpOptions http = HttpOptions.fromConfig(reader.object("http"));
    ConfigReader report = reader.object("report");
    String reportJson = report.string("json", null);
    String reportHtml = report.string("html", null);
    String reportTrace = report.string("trace", null);
    checkReports(report.path("json"), reportJson, report.path("html"), reportHtml, report.path("trace"), reportTrace);
    report.rejectUnknown();
    Map<String, JsonObject> params = scenarioParams(reader.object("scenario"), catalog, debug);
    reader.rejectUnknown();
    return new AppOptions(selection, timeScale, tolerance, seed, workDir, debug, role, statusPort, slowCallbackMs, http,
      reportJson, reportHtml, reportTrace, params);
  }

  private static List<ScenarioInfo> selection(ConfigReader reader, Catalog catalog) {
    List<String> ids = reader.strings("scenarios", null, ParamSpec.MAX_LIST);
    if (ids == null) {
      return catalog.defaults();
    }
    List<ScenarioInfo> selection = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new ConfigException("scenarios: '" + id + "' is listed twice; list each scenario once");
      }
      selection.add(find(catalog, id, ""));
    }
    return selection;
  }

  private static Map<String, JsonObject> scenarioParams(ConfigReader scenarios, Catalog catalog, boolean debug) {
    Map<String, JsonObject> params = new LinkedHashMap<>();
    for (String id : scenarios.keys()) {
      find(catalog, id, " in " + scenarios.path(id));
    }
    for (ScenarioInfo info : catalog.all()) {
      ConfigReader reader = scenarios.object(info.id());
      // Every scenario takes `debug`, defaulting to the global switch.
      boolean scenarioDebug = reader.bool("debug", debug || info.params().isDebugByDefault());
      params.put(info.id(), info.params().read(reader).put("debug", scenarioDebug));
    }
    scenarios.rejectUnknown();
    return params;
  }

  /**
   * These options with the reports written to {@code json}, {@code html} and {@code trace} in place of the
   * configured ones, as {@code --report} asks; the paths are checked as configured ones are.
   */
  public AppOptions withReports(String json, String html, String trace) {
    checkReports("--report", json, "--report", html, "--report", trace);
    return new AppOptions(selection, timeScale, tolerance, seed, workDir, debug, role, statusPort, slowCallbackMs, http,
      json, html, trace, params);
  }

  /**
   * Each report path, when given, must lead to a new or regular file of its own in a writable folder: no two
   * reports may share one.
   */
  private static void checkReports(String jsonKey, String json, String htmlKey, String html, String traceKey, String trace) {
    // Each with the file name a folder given in its place is told to add, the one --report writes.
    String[][] reports = {{jsonKey, json, "report.json", "report.json"}, {htmlKey, html, "report.html", "report.html"},
      {traceKey, trace, "report.trace", "trace.json"}};
    for (int k = 0; k < reports.length; k++) {
      String key = reports[k][0];
      String path = reports[k][1];
      if (path == null) {
        continue;
      }
      checkWritable(key, path, reports[k][3]);
      for (int earlier = 0; earlier < k; earlier++) {
        String other = reports[earlier][1];
        if (other != null && whereItLeads(other).equals(whereItLeads(path))) {
          throw new ConfigException(key + ": '" + path + "' is " + reports[earlier][2] + "'s path too; give each report its own file");
        }
      }
    }
  }

  private static ScenarioInfo find(Catalog catalog, String id, String where) {
    return catalog.find(id).orElseThrow(() -> {
      String hint = Suggestions.didYouMean(id, catalog.ids());
      String suggestion = hint.isEmpty() ? "" : hint.substring(2, hint.length() - 1) + " ";
      return new ConfigException("unknown scenario '" + id + "'" + where + " (" + suggestion + "--list shows all)");
    });
  }

  /** The file a report path names, its folder resolved by the file system: a folder reached through a link is the same folder. */
  private static Path whereItLeads(String file) {
    Path path = Path.of(file).toAbsolutePath();
    try {
      return path.getParent().toRealPath().resolve(path.getFileName());
    } catch (IOException e) {
      return path.normalize();
    }
  }

  private static void checkWritable(String key, String file, String fileName) {
    Path path = Path.of(file).toAbsolutePath();
    Path folder = path.getParent();
    if (Files.isDirectory(path)) {
      throw new ConfigException(key + ": '" + file + "' is a folder; give a file path such as '" + Path.of(file).resolve(fileName) + "'");
    }
    // A report is moved over its target: a device or a link there would be replaced by a plain file
    // (as root, /dev/null itself), so only a new name or a regular file will do.
    if (Files.isSymbolicLink(path)) {
      throw new ConfigException(key + ": '" + file + "' is a symbolic link, which the report would replace; give the path of a file");
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new ConfigException(key + ": '" + file + "' is not a regular file (a device, a pipe or a socket), which the report would replace; give the path of a file");
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new ConfigException(key + ": folder '" + folder + "' does not exist; create it or choose another path");
    }
    if (!Files.isWritable(folder)) {
      throw new ConfigException(key + ": folder '" + folder + "' is not writable; choose another path");
    }
  }

  public List<ScenarioInfo> selection() {
    return selection;
  }

  public double timeScale() {
    return timeScale;
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  public long seed() {
    return seed;
  }

  /** The folder the file scenarios work in, created when missing. */
  public String workDir() {
    return workDir;
  }

  /** Whether debug mode is on for every scenario, unless a scenario turns it off. */
  public boolean debug() {
    return debug;
  }

  /** Whether debug mode is on for a scenario. */
  public boolean debug(String id) {
    return params.get(id).getBoolean("debug");
  }

  /** Whether any selected scenario runs in debug mode, which tightens the blocked-thread checker. */
  public boolean anyDebug() {
    return selection.stream().anyMatch(info -> debug(info.id()));
  }

  /** {@code coordinator} runs scenarios; {@code worker} serves the tasks of clustered coordinators. */
  public String role() {
    return role;
  }

  public boolean isWorker() {
    return ROLE_WORKER.equals(role);
  }

  /** The port of the node's status endpoint, on its -cluster-host (loopback unless told otherwise), 0 for none. */
  public int statusPort() {
    return statusPort;
  }

  public long slowCallbackMs() {
    return slowCallbackMs;
  }

  public HttpOptions http() {
    return http;
  }

  /** Where the JSON report goes, or {@code null} for none. */
  public String reportJson() {
    return reportJson;
  }

  /** Where the HTML report goes, or {@code null} for none. */
  public String reportHtml() {
    return reportHtml;
  }

  /** Where the trace (Chrome Trace Event Format JSON) goes, or {@code null} for none. */
  public String reportTrace() {
    return reportTrace;
  }

  /** The checked parameters of a scenario, defaults filled in. */
  public JsonObject paramsOf(String id) {
    return params.get(id).copy();
  }

  public JsonObject toJson() {
    JsonObject report = new JsonObject();
    if (reportJson != null) {
      report.put("json", reportJson);
    }
    if (reportHtml != null) {
      report.put("html", reportHtml);
    }
    if (reportTrace != null) {
      report.put("trace", reportTrace);
    }
    JsonObject scenario = new JsonObject();
    params.forEach((id, values) -> scenario.put(id, values.copy()));
    return new JsonObject()
      .put("scenarios", new JsonArray(selection.stream().map(ScenarioInfo::id).toList()))
      .put("timeScale", timeScale)
      .put("tolerance", tolerance.toJson())
      .put("seed", seed)
      .put("workDir", workDir)
      .put("debug", debug)
      .put("role", role)
      .put("cluster", new JsonObject().put("statusPort", statusPort))
      .put("slowCallbackMs", slowCallbackMs)
      .put("http", http.toJson())
      .put("report", report)
      .put("scenario", scenario);
  }
}
