package io.asyncscenarios;

import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.Suggestions;
import io.asyncscenarios.text.Printable;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Stack;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The command line, parsed with picocli under the Vert.x launcher's option names: scenario ids and this
 * program's own options, and the launcher options it passes on once their values are checked (the launcher
 * would die on a bad one with a stack trace, a picocli usage page or no word at all, or silently ignore it).
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

  /**
   * Launcher options refused, with why. Main hands the launcher one MainVerticle instance, so more than one
   * instance can never deploy ("Same deployable supplied more than once"), and the deployment options would
   * only reach that one instance: its configuration is -conf and its threading model -worker or -vt.
   */
  static final Map<String, String> UNSUPPORTED = Map.of(
    "-instances", "the program runs one main verticle; to spread work, start more nodes with --cluster"
      + " (see Clustered deployment in the README)",
    "-deployment-options", "the program deploys its one main verticle itself; configure it with -conf,"
      + " and choose its thread with -worker or -vt");
  /** The first Java release with virtual threads, which {@code -vt} needs. */
  static final int VIRTUAL_THREADS_SINCE = 21;
  /** The options this program handles itself; every other one is the launcher's. */
  private static final Set<String> OWN = Set.of("--list", "--help", "--report", "-conf", "-options");

  static CommandLine parse(String... args) {
    for (int i = 0; i < args.length; i++) {
      checkPrintable(args[i], i + 1);
    }
    ParseResult parsed;
    try {
      // Parsed only: picocli prints nothing, neither usage nor errors.
      parsed = parser().parseArgs(args);
    } catch (ParameterException e) {
      throw e.getCause() instanceof ConfigException refused ? refused : new ConfigException(inOurWords(e));
    }
    List<String> launcherArgs = new ArrayList<>();
    for (OptionSpec option : parsed.matchedOptions()) {
      if (!OWN.contains(name(option))) {
        launcherArgs.add(name(option));
        if (option.arity().max() > 0) {
          launcherArgs.add(option.getValue());
        }
      }
    }
    CommandLine cli = new CommandLine(parsed.hasMatchedOption("list"), parsed.hasMatchedOption("help"), parsed.hasMatchedOption("report"),
      parsed.matchedOptionValue("conf", null), parsed.matchedOptionValue("options", null),
      List.copyOf(parsed.matchedPositionalValue(0, List.<String>of())), List.copyOf(launcherArgs));
    cli.checkCombinations(Runtime.version().feature());
    return cli;
  }

  /** The options, the launcher's under its own names and aliases (vertx-launcher-application's VertxApplicationCommand). */
  private static picocli.CommandLine parser() {
    CommandSpec spec = CommandSpec.create()
      .addOption(flag("--list"))
      .addOption(flag("--help", "-h"))
      .addOption(flag("--report"))
      .addOption(option("-conf", value -> value))
      .addOption(option("-options", value -> value, "-vertx-options"))
      .addOption(flag("-cluster", "-c"))
      .addOption(option("-cluster-host", value -> host("-cluster-host", value)))
      .addOption(option("-cluster-port", value -> port("-cluster-port", value, 0)))
      .addOption(option("-cluster-public-host", value -> host("-cluster-public-host", value)))
      // A public port of 0 would be advertised to the other nodes as is, and none could reach us.
      .addOption(option("-cluster-public-port", value -> port("-cluster-public-port", value, 1)))
      .addOption(flag("-worker", "-w"))
      .addOption(flag("-vt", "-virtual-thread"))
      .addOption(unsupported("-instances"))
      .addOption(unsupported("-deployment-options"))
      .addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class).build());
    // Any case, as the launcher; but "-cw" is no "-c -w", "@file" no file of arguments, and "--" no end of the
    // options (a NUL, the delimiter instead, never gets this far: checkPrintable refuses it).
    return new picocli.CommandLine(spec)
      .setOptionsCaseInsensitive(true)
      .setPosixClusteredShortOptionsAllowed(false)
      .setExpandAtFiles(false)
      .setEndOfOptionsDelimiter("\0");
  }

  private static OptionSpec flag(String name, String... aliases) {
    return OptionSpec.builder(spellings(name, aliases)).arity("0").type(boolean.class).preprocessor(REFUSE).build();
  }

  /** Refused with a value or without, for the reason {@link #UNSUPPORTED} gives. */
  private static OptionSpec unsupported(String name) {
    return OptionSpec.builder(spellings(name)).arity("0..1").preprocessor(REFUSE).build();
  }

  private static OptionSpec option(String name, UnaryOperator<String> check, String... aliases) {
    return OptionSpec.builder(spellings(name, aliases)).arity("1").type(String.class).converters(new Check(check)).build();
  }

  // Picocli's interfaces are implemented by classes here, never by lambdas: they are Java 5 class files, which
  // the class-data sharing archive run.sh makes cannot hold, and JDK 17 crashes dumping the archive
  // (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary) on a lambda implementing one.

  /** A value's check as picocli calls it. */
  private static final class Check implements ITypeConverter<String> {
    private final UnaryOperator<String> check;

    Check(UnaryOperator<String> check) {
      this.check = check;
    }

    @Override
    public String convert(String value) {
      return check.apply(value);
    }
  }

  private static final IParameterPreprocessor REFUSE = new IParameterPreprocessor() {
    @Override
    public boolean preprocess(Stack<String> rest, CommandSpec command, ArgSpec option, Map<String, Object> info) {
      return refuse(rest, command, option, info);
    }
  };

  /** The canonical name first, then every name with one dash and with two: the launcher takes most of its own either way. */
  private static String[] spellings(String name, String... aliases) {
    return Stream.concat(Stream.of(name), Arrays.stream(aliases))
      .flatMap(each -> Stream.of(each, each.startsWith("--") ? each.substring(1) : "-" + each))
      .toArray(String[]::new);
  }

  private static String name(ArgSpec option) {
    return ((OptionSpec) option).names()[0];
  }

  /** Refuses, before picocli reads its value, an unsupported option or a flag given one: picocli's words would not name it. */
  private static boolean refuse(Stack<String> rest, CommandSpec command, ArgSpec option, Map<String, Object> info) {
    String name = name(option);
    if (UNSUPPORTED.containsKey(name)) {
      throw new ConfigException("option '" + name + "' is not supported: " + UNSUPPORTED.get(name));
    }
    if (!" ".equals(info.get("separator"))) {
      throw new ConfigException("option '" + name + "' takes no value; write '" + name + "' alone");
    }
    return false;
  }

  /** Picocli's error, which would come with its usage page, in this program's words. */
  private static String inOurWords(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unknown) {
      String arg = unknown.getUnmatched().get(0);
      String typed = arg.split("=", 2)[0];
      // One or two letters are too few to tell a typo from another option.
      String hint = typed.replaceFirst("^-+", "").length() < 3 ? "" : Suggestions.didYouMean(typed,
        e.getCommandLine().getCommandSpec().options().stream().flatMap(option -> Arrays.stream(option.names())).toList());
      return "unknown option '" + arg + "' (" + (hint.isEmpty() ? "" : hint.substring(2, hint.length() - 1) + " ") + "--help lists the options)";
    }
    if (e instanceof OverwrittenOptionException twice) {
      return "option '" + name(twice.getOverwritten()) + "' is given more than once; give it once";
    }
    if (e instanceof MissingParameterException missing) {
      return "option '" + name(missing.getMissing().get(0)) + "' needs a value";
    }
    return e.getMessage();
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

  /** A port, as a plain decimal: the launcher's picocli would accept any int, and read a leading zero otherwise. */
  private static String port(String option, String value, int min) {
    // Digits only: no sign, and a leading zero stays decimal; eleven digits or more are out of range anyway.
    if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > 65535 || Long.parseLong(value) < min) {
      throw new ConfigException("option '" + option + "': expected a whole number from " + min + " to 65535"
        + (min == 0 ? " (0: any free port)" : "") + ", got " + Printable.quoted(value));
    }
    return Integer.toString(Integer.parseInt(value));
  }

  /** A host name or address, as given: blank or holding spaces it names no host. */
  private static String host(String option, String value) {
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

  static final String USAGE = """
    Usage: java -jar target/app-fat.jar [SCENARIO...] [--list] [-conf FILE|JSON] [LAUNCHER OPTIONS]

    Runs the asyncio tutorial's scenarios on the Vert.x event loop and checks their claims.

      SCENARIO           scenario ids to run, in this order (default: conf/config.json, else all)
      --list             list the scenarios (id, title, tutorial section) and exit
      --report           write reports/report.json, reports/report.html and reports/trace.json
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
