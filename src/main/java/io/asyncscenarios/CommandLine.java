package io.asyncscenarios;

import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.text.Printable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line, split into what this application handles itself (scenario ids, {@code --list},
 * {@code --help}, {@code -conf}) and the Vert.x launcher options it passes on, each checked here first:
 * the launcher would otherwise die on a bad value with a stack trace, a picocli usage page or no word
 * at all, or silently ignore it.
 *
 * @param conf the {@code -conf} value, or {@code null}
 * @param vertxOptions the {@code -options} value, or {@code null}; {@link LauncherOptions} reads and
 *   checks it, and it reaches the launcher through a hook, never as an argument
 * @param scenarioIds scenario ids given as plain arguments; they replace the configured selection
 * @param launcherArgs the launcher options, in their order, each under its canonical name ({@code -cluster},
 *   {@code -cluster-port} ...) and with its value checked and normalised
 */
record CommandLine(boolean list, boolean help, boolean report, String conf, String vertxOptions, List<String> scenarioIds,
                   List<String> launcherArgs) {

  /** Launcher options that take a value, by every name picocli accepts (one or two dashes, any case), to their canonical name. */
  static final Map<String, String> LAUNCHER_OPTIONS_WITH_VALUE = Map.of("options", "options", "vertx-options", "options",
    "cluster-port", "cluster-port", "cluster-host", "cluster-host",
    "cluster-public-port", "cluster-public-port", "cluster-public-host", "cluster-public-host");
  static final Map<String, String> LAUNCHER_FLAGS = Map.of("c", "cluster", "cluster", "cluster", "w", "worker", "worker", "worker",
    "vt", "vt", "virtual-thread", "vt");
  /**
   * Launcher options refused, with why. Main hands the launcher one MainVerticle instance, so more than one
   * instance can never deploy ("Same deployable supplied more than once"), and the deployment options would
   * only reach that one instance: its configuration is -conf and its threading model -worker or -vt.
   */
  static final Map<String, String> UNSUPPORTED = Map.of(
    "instances", "the program runs one main verticle; to spread work, start more nodes with --cluster"
      + " (see Clustered deployment in the README)",
    "deployment-options", "the program deploys its one main verticle itself; configure it with -conf,"
      + " and choose its thread with -worker or -vt");
  /** The first Java release with virtual threads, which {@code -vt} needs. */
  static final int VIRTUAL_THREADS_SINCE = 21;

  static CommandLine parse(String... args) {
    boolean list = false;
    boolean help = false;
    boolean report = false;
    String conf = null;
    String vertxOptions = null;
    List<String> ids = new ArrayList<>();
    List<String> launcherArgs = new ArrayList<>();
    // Picocli refuses a launcher option given twice with a page of usage: refused here on one line.
    Set<String> seen = new HashSet<>();
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
          String option = "-" + name;
          if (UNSUPPORTED.containsKey(name)) {
            throw new ConfigException("option '" + option + "' is not supported: " + UNSUPPORTED.get(name));
          }
          String canonical = LAUNCHER_OPTIONS_WITH_VALUE.getOrDefault(name, LAUNCHER_FLAGS.get(name));
          if (canonical == null) {
            throw new ConfigException("unknown option '" + arg + "' (--help lists the options)");
          }
          if (!seen.add(canonical)) {
            throw new ConfigException("option '-" + canonical + "' is given more than once; give it once");
          }
          if (LAUNCHER_FLAGS.containsKey(name)) {
            if (inlineValue != null) {
              throw new ConfigException("option '" + option + "' takes no value; write '" + option + "' alone");
            }
            launcherArgs.add("-" + canonical);
            continue;
          }
          String value = inlineValue != null ? inlineValue : valueOf(args, ++i, arg);
          switch (canonical) {
            case "options" -> vertxOptions = value;
            case "cluster-port", "cluster-public-port" -> {
              launcherArgs.add("-" + canonical);
              // A public port of 0 would be advertised to the other nodes as is, and none could reach us.
              launcherArgs.add(Integer.toString(port(option, value, canonical.equals("cluster-port") ? 0 : 1)));
            }
            default -> {
              launcherArgs.add("-" + canonical);
              launcherArgs.add(host(option, value));
            }
          }
        }
      }
    }
    CommandLine cli = new CommandLine(list, help, report, conf, vertxOptions, List.copyOf(ids), List.copyOf(launcherArgs));
    cli.checkCombinations(Runtime.version().feature());
    return cli;
  }

  /** Refuses launcher options that cannot work together, or not on this JVM, before the launcher fails on them. */
  void checkCombinations(int javaFeature) {
    if (!clustered()) {
      // The launcher applies these only to a clustered event bus, and would silently drop them otherwise.
      for (String option : List.of("cluster-host", "cluster-port", "cluster-public-host", "cluster-public-port")) {
        if (hasLauncherOption(option)) {
          throw new ConfigException("option '-" + option + "' only applies to a clustered run; add -cluster (run.sh: --cluster)");
        }
      }
    }
    if (hasLauncherOption("vt")) {
      if (javaFeature < VIRTUAL_THREADS_SINCE) {
        throw new ConfigException("option '-vt' needs Java " + VIRTUAL_THREADS_SINCE + " or later for virtual threads, and this is Java "
          + javaFeature + "; run on a newer JVM or leave out -vt");
      }
      if (hasLauncherOption("worker")) {
        throw new ConfigException("options '-worker' and '-vt' both choose the main verticle's thread; give one of them");
      }
    }
  }

  /** A port: the launcher's picocli would print its whole usage page for anything but an int, and accept any int. */
  static int port(String option, String value, int min) {
    // Digits only: no sign, and a leading zero stays decimal; eleven digits or more are out of range anyway.
    if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > 65535 || Long.parseLong(value) < min) {
      throw new ConfigException("option '" + option + "': expected a whole number from " + min + " to 65535"
        + (min == 0 ? " (0: any free port)" : "") + ", got " + Printable.quoted(value));
    }
    return Integer.parseInt(value);
  }

  /** A host name or address, as given: blank or holding spaces it names no host. */
  static String host(String option, String value) {
    if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException("option '" + option + "': expected a host name or address such as 127.0.0.1, got " + Printable.quoted(value));
    }
    return value;
  }

  /** Whether the launcher is asked to start a clustered Vert.x. */
  boolean clustered() {
    return hasLauncherOption("cluster");
  }

  /** Whether a launcher option was given, by its canonical name ({@code cluster}, {@code cluster-port} ...). */
  boolean hasLauncherOption(String name) {
    return launcherArgs.contains("-" + name);
  }

  /** The value of a launcher option given with one, by its canonical name, or {@code null}. */
  String launcherValue(String name) {
    int at = launcherArgs.indexOf("-" + name);
    return at < 0 || at + 1 >= launcherArgs.size() ? null : launcherArgs.get(at + 1);
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

    Vert.x launcher options, checked, then passed on:
      -cluster               join a cluster (Hazelcast on 127.0.0.1, from the jar's cluster.xml)
      -cluster-host H        the event bus's address (default 127.0.0.1)
      -cluster-port P        the event bus's port, 0-65535 (default 0: any free one)
      -cluster-public-host H, -cluster-public-port P (1-65535)
                             the address other nodes reach it at, when not the same
      -options FILE|JSON     VertxOptions as JSON: inline, or a file of at most 1 MiB
      -worker                the main verticle on a worker thread (scenarios keep their event loops)
      -vt                    the main verticle on a virtual thread (Java 21 or later)
    -instances and -deployment-options are not supported: the program runs one main verticle.

    Exit codes: 0 every scenario passed, 1 a scenario failed or errored, 2 bad usage or configuration,
    129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM (the reports are still written).
    """;
}
