package io.asyncscenarios;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.config.ConfigLoader;
import io.asyncscenarios.debug.DebugOptions;
import io.asyncscenarios.debug.LogConfiguration;
import io.asyncscenarios.debug.SlowCallbackReports;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.text.Printable;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The application's launcher: the Vert.x {@link VertxApplication} with the command line, configuration
 * layering and exit code this program needs.
 *
 * <p>It checks the whole configuration before Vert.x starts, so that a bad value ends the program at
 * once with one line and exit code 2, then lets the launcher start Vert.x and deploy
 * {@link MainVerticle}, waits for the run to end, closes Vert.x and exits with the run's code.
 */
public final class Main extends VertxApplication {

  /** Where {@code --report} writes the reports and the trace. */
  static final Path REPORTS = Path.of("reports");

  private Main(String[] args, VertxApplicationHooks hooks) {
    super(args, hooks, false, false);
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Interrupts interrupts = Interrupts.install(out);
    // Hazelcast reads this before its configuration file: without it, its first lines go through JUL.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    String logProblem = LogConfiguration.applyWorkingDirectoryFile();
    if (logProblem != null) {
      err.println("error: " + logProblem);
      return MainVerticle.EXIT_USAGE;
    }
    CommandLine cli;
    AppOptions options;
    JsonObject vertxOptions;
    try {
      cli = CommandLine.parse(args);
      if (cli.help()) {
        out.print(CommandLine.USAGE);
        return MainVerticle.EXIT_PASSED;
      }
      if (cli.list()) {
        printCatalog(out);
        return MainVerticle.EXIT_PASSED;
      }
      vertxOptions = cli.vertxOptions() == null ? null : LauncherOptions.vertxOptions(cli.vertxOptions());
      if (cli.clustered()) {
        LauncherOptions.checkClusterBinding(clusterHost(cli, vertxOptions), clusterPort(cli, vertxOptions));
      }
      JsonObject config = ConfigLoader.load(ConfigLoader.DEFAULT_FILE, cli.conf());
      if (!cli.scenarioIds().isEmpty()) {
        config.put("scenarios", new JsonArray(cli.scenarioIds()));
      }
      // Checked here, on the main thread, once: the verticle gets these options, not a JSON to read again.
      options = AppOptions.fromJson(config, Catalog.standard());
      if (cli.report()) {
        // The rest checked first: a bad configuration must not leave a reports/ folder behind.
        Files.createDirectories(REPORTS);
        options = options.withReports(REPORTS.resolve("report.json").toString(), REPORTS.resolve("report.html").toString(),
          REPORTS.resolve("trace.json").toString());
      }
      checkAgainstTheCommandLine(options, cli, vertxOptions);
    } catch (ConfigException e) {
      // Escaped once more here: whatever a message quotes, it stays one line.
      err.println("error: " + Printable.escape(e.getMessage()));
      return MainVerticle.EXIT_USAGE;
    } catch (IOException e) {
      err.println("error: cannot create the folder '" + REPORTS + "' for --report: " + e.getMessage());
      return MainVerticle.EXIT_USAGE;
    }

    if (cli.clustered() && System.getProperty("vertx.disableDnsResolver") == null) {
      // A clustered node listens on its -cluster-host and nowhere else. Vert.x's own DNS resolver would open a
      // UDP socket on every address (0.0.0.0, an ephemeral port) the first time the event bus connects to
      // another node; the JVM's resolver opens none. The price: a host name (not an address) is looked up
      // on the event loop, through the system's resolver. -Dvertx.disableDnsResolver=false keeps Vert.x's.
      System.setProperty("vertx.disableDnsResolver", "true");
    }
    // The cluster manager is made here, where Vert.x would otherwise find one on the class path itself, and
    // kept: the nodes of the cluster are read from it, as Vert.x gives its own only through its internal API.
    HazelcastClusterManager clusterManager = cli.clustered() ? new HazelcastClusterManager() : null;
    ClusterNodes nodes = clusterManager == null ? ClusterNodes.local() : ClusterNodes.of(clusterManager);
    // A clustered node's status port listens where its event bus does: on a host of its own, its own address.
    MainVerticle verticle = new MainVerticle(options, nodes, out, err, cli.clustered() ? clusterHost(cli, vertxOptions) : "127.0.0.1");
    Hooks hooks = new Hooks(verticle, options, vertxOptions, clusterManager);
    // No -conf for the launcher: the verticle has its options already, and its config() stays empty.
    List<String> launcherArgs = new ArrayList<>(cli.launcherArgs());
    if (cli.clustered() && !cli.hasLauncherOption("cluster-host")) {
      // The event bus listens on loopback unless told otherwise (here or in -options' eventBusOptions.host):
      // nothing leaves the machine by default.
      launcherArgs.add("-cluster-host");
      launcherArgs.add(clusterHost(cli, vertxOptions));
    }
    interrupts.deliverTo(verticle);
    int launched = new Main(launcherArgs.toArray(String[]::new), hooks).launch();
    if (launched != 0) {
      // The launcher has logged why Vert.x could not start or deploy.
      return launched;
    }
    // The exit code future completes with a code, never a failure; should that ever change, exit anyway.
    int exitCode = verticle.exitCode().otherwise(MainVerticle.EXIT_FAILED).toCompletionStage().toCompletableFuture().join();
    try {
      hooks.vertx.close().await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      err.println("warning: Vert.x did not close within 30 s; exiting anyway");
    }
    // A signal that came while the reports were written or Vert.x closed still says how the run ended.
    Integer signalled = verticle.signalExitCode();
    return signalled != null ? signalled : exitCode;
  }

  /** Where the clustered event bus will listen: -cluster-host, else -options' eventBusOptions.host, else loopback. */
  private static String clusterHost(CommandLine cli, JsonObject vertxOptions) {
    String host = cli.launcherValue("cluster-host");
    if (host == null && vertxOptions != null && vertxOptions.getValue("eventBusOptions") instanceof JsonObject eventBus
      && eventBus.getValue("host") instanceof String given && !given.isBlank()) {
      host = given;
    }
    return host != null ? host : "127.0.0.1";
  }

  /** What the configuration asks that the command line cannot give. */
  private static void checkAgainstTheCommandLine(AppOptions options, CommandLine cli, JsonObject vertxOptions) {
    if (options.isWorker() && !cli.clustered()) {
      // Nothing could ever reach it: it would wait for tasks until stopped.
      throw new ConfigException("role: a worker serves the tasks of clustered coordinators and needs -cluster "
        + "(./run.sh --cluster -conf '{\"role\":\"worker\"}')");
    }
    if (cli.clustered() && options.statusPort() != 0 && options.statusPort() == clusterPort(cli, vertxOptions)) {
      // The two servers would share the port within Vert.x, and the status requests go to the event bus.
      throw new ConfigException("cluster.statusPort " + options.statusPort() + " is the event bus's -cluster-port too; give each its own port");
    }
  }

  /** The clustered event bus's port: -cluster-port, else -options' eventBusOptions.port, else 0 (any). */
  private static int clusterPort(CommandLine cli, JsonObject vertxOptions) {
    String port = cli.launcherValue("cluster-port");
    if (port != null) {
      return Integer.parseInt(port);
    }
    if (vertxOptions != null && vertxOptions.getValue("eventBusOptions") instanceof JsonObject eventBus
      && eventBus.getValue("port") instanceof Number given) {
      // Checked by LauncherOptions: a whole number from 0 to 65535.
      return given.intValue();
    }
    return 0;
  }

  private static void printCatalog(PrintStream out) {
    List<ScenarioInfo> all = Catalog.standard().all();
    int width = all.stream().mapToInt(info -> info.id().length()).max().orElse(0);
    for (ScenarioInfo info : all) {
      out.printf("%-" + width + "s  %s  [%s]%s%n", info.id(), info.title(), info.section(), info.inDefault() ? "" : " (not in default)");
    }
  }

  /** Hands the launcher our verticle instance and cluster manager, and keeps the Vert.x instance it started. */
  private static final class Hooks implements VertxApplicationHooks {

    private final MainVerticle verticle;
    private final AppOptions options;
    private final JsonObject checkedVertxOptions;
    private final HazelcastClusterManager clusterManager;
    private volatile Vertx vertx;

    /**
     * @param checkedVertxOptions the -options value as read and checked by {@link LauncherOptions}, or {@code null}
     * @param clusterManager the manager a clustered Vert.x is built with, or {@code null} when not clustered
     */
    Hooks(MainVerticle verticle, AppOptions options, JsonObject checkedVertxOptions, HazelcastClusterManager clusterManager) {
      this.verticle = verticle;
      this.options = options;
      this.checkedVertxOptions = checkedVertxOptions;
      this.clusterManager = clusterManager;
    }

    /** The launcher's builder, given the cluster manager the verticle's {@link ClusterNodes} read. */
    @Override
    public VertxBuilder createVertxBuilder(VertxOptions vertxOptions) {
      VertxBuilder builder = VertxApplicationHooks.super.createVertxBuilder(vertxOptions);
      return clusterManager == null ? builder : builder.withClusterManager(clusterManager);
    }

    /**
     * The launcher is never given -options (it would read the file again, unbounded, and take a bad one
     * for none at all): what it parsed is always null, and the options checked before it started win.
     */
    @Override
    public JsonObject afterVertxOptionsParsed(JsonObject parsedByLauncher) {
      JsonObject vertxOptions = checkedVertxOptions != null ? checkedVertxOptions.copy()
        : parsedByLauncher != null ? parsedByLauncher.copy() : new JsonObject();
      // Nothing here is read from the class path through Vert.x's file system; without that, Vert.x makes no
      // /tmp/vertx-cache-* folder, which a process ended at once (a second signal) would leave behind.
      JsonObject fileSystem = vertxOptions.getJsonObject("fileSystemOptions", new JsonObject());
      if (!fileSystem.containsKey("classPathResolvingEnabled")) {
        vertxOptions.put("fileSystemOptions", fileSystem.put("classPathResolvingEnabled", false));
      }
      if (!options.anyDebug()) {
        return vertxOptions;
      }
      SlowCallbackReports.prepare();
      return DebugOptions.applyTo(vertxOptions, options.slowCallbackMs());
    }

    @Override
    public void afterVertxStarted(HookContext context) {
      vertx = context.vertx();
      if (options.anyDebug() && !options.debug()) {
        // Tightened for the debug scenarios only: the others keep quiet about it.
        SlowCallbackReports.quietOutsideDebugScenarios(vertx);
      }
    }

    @Override
    public Supplier<? extends Deployable> verticleSupplier() {
      return () -> verticle;
    }
  }
}
