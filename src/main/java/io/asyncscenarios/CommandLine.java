package io.asyncscenarios;

import io.asyncscenarios.config.ConfigException;
import io.asyncscenarios.text.Printable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line, split into what this application handles itself (scenario ids, {@code --list},
 * {@code --help}, {@code -conf}) and the Vert.x launcher options it passes through untouched.
 *
 * @param conf the {@code -conf} value, or {@code null}
 * @param scenarioIds scenario ids given as plain arguments; they replace the configured selection
 * @param launcherArgs the launcher options, in their order, with their values
 */
record CommandLine(boolean list, boolean help, boolean report, String conf, List<String> scenarioIds, List<String> launcherArgs) {

  /** Launcher options that take a value (picocli accepts one or two leading dashes, any case). */
  static final Set<String> LAUNCHER_OPTIONS_WITH_VALUE = Set.of("options", "vertx-options", "deployment-options",
    "instances", "cluster-port", "cluster-host", "cluster-public-port", "cluster-public-host");
  static final Set<String> LAUNCHER_FLAGS = Set.of("c", "cluster", "w", "worker", "vt", "virtual-thread");

  static CommandLine parse(String... args) {
    boolean list = false;
    boolean help = false;
    boolean report = false;
    String conf = null;
    List<String> ids = new ArrayList<>();
    List<String> launcherArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      checkPrintable(args[i], i + 1);
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        ids.add(arg);
        continue;
      }
      String name = arg.replaceFirst("^--?", "").toLowerCase(Locale.ROOT);
      String inlineValue = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        inlineValue = arg.substring(arg.indexOf('=') + 1);
        name = name.substring(0, equals);
      }
      switch (name) {
        case "list" -> list = true;
        case "h", "help" -> help = true;
        case "report" -> report = true;
        case "conf" -> conf = inlineValue != null ? inlineValue : valueOf(args, ++i, arg);
        default -> {
          if (LAUNCHER_OPTIONS_WITH_VALUE.contains(name)) {
            launcherArgs.add(arg);
            if (inlineValue == null) {
              launcherArgs.add(valueOf(args, ++i, arg));
            }
          } else if (LAUNCHER_FLAGS.contains(name)) {
            launcherArgs.add(arg);
          } else {
            throw new ConfigException("unknown option '" + arg + "' (--help lists the options)");
          }
        }
      }
    }
    return new CommandLine(list, help, report, conf, List.copyOf(ids), List.copyOf(launcherArgs));
  }

  /** Whether the launcher is asked to start a clustered Vert.x. */
  boolean clustered() {
    return hasLauncherOption("cluster") || hasLauncherOption("c");
  }

  boolean hasLauncherOption(String name) {
    return launcherArgs.stream().anyMatch(arg -> arg.replaceFirst("^--?", "").toLowerCase(Locale.ROOT).split("=", 2)[0].equals(name));
  }

  /**
   * Refuses control characters, which no id, path or option needs and which would otherwise reach a
   * file name or an error line raw; inline JSON may still span lines and hold tabs between its tokens.
   */
  static void checkPrintable(String arg, int position) {
    String value = arg.startsWith("-") && arg.indexOf('=') > 0 ? arg.substring(arg.indexOf('=') + 1) : arg;
    String stripped = value.strip();
    boolean json = stripped.startsWith("{") || stripped.startsWith("[");
    // JSON's whitespace between tokens is not what is looked for: JSON spread over lines is still one value.
    String checked = json ? arg.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ') : arg;
    int at = Printable.firstUnprintable(checked);
    if (at >= 0) {
      throw new ConfigException("argument " + position + " " + Printable.quoted(arg) + " holds " + Printable.describeAt(arg, at)
        + "; remove it");
    }
  }

  private static String valueOf(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new ConfigException("option '" + option + "' needs a value");
    }
    return args[index];
  }

  static final String USAGE = """
    Usage: java -jar target/app-fat.jar [SCENARIO...] [--list] [-conf FILE|JSON] [LAUNCHER OPTIONS]

    Runs the asyncio tutorial's scenarios on the Vert.x event loop and checks their claims.

      SCENARIO           scenario ids to run, in this order (default: conf/config.json, else all)
      --list             list the scenarios (id, title, tutorial section) and exit
      --report           write reports/report.json and reports/report.html
      -conf FILE|JSON    configuration; its keys win over conf/config.json (see the README)
      -h, --help         show this help and exit

    Vert.x launcher options passed through: -cluster, -cluster-host H, -cluster-port P,
    -cluster-public-host H, -cluster-public-port P, -options JSON, -deployment-options JSON,
    -instances N, -worker, -vt.

    Exit codes: 0 every scenario passed, 1 a scenario failed or errored, 2 bad usage or configuration.
    """;
}
