package io.asyncscenarios;

import io.asyncscenarios.param.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

  @Test
  void separatesScenarioIdsConfAndLauncherOptions() {
    CommandLine cli = CommandLine.parse("tasks", "-cluster", "-conf", "{}", "futures", "--cluster-port", "5000", "-options={\"a\":1}");
    assertEquals(List.of("tasks", "futures"), cli.scenarioIds());
    assertEquals("{}", cli.conf());
    // -options is read and checked by LauncherOptions, and reaches the launcher through a hook.
    assertEquals("{\"a\":1}", cli.vertxOptions());
    assertEquals(List.of("-cluster", "-cluster-port", "5000"), cli.launcherArgs());
    assertEquals("5000", cli.launcherValue("cluster-port"));
  }

  @Test
  void launcherOptionsReachTheLauncherUnderTheirCanonicalNamesWithNormalisedValues() {
    CommandLine cli = CommandLine.parse("-C", "--Cluster-Host=127.0.0.1", "-cluster-port", "0080", "-W", "--vertx-options", "o.json");
    // A leading zero is decimal here; picocli could read it otherwise.
    assertEquals(List.of("-cluster", "-cluster-host", "127.0.0.1", "-cluster-port", "80", "-worker"), cli.launcherArgs());
    assertEquals("o.json", cli.vertxOptions());
    assertTrue(cli.clustered());
    assertEquals(List.of("-cluster", "-cluster-public-host", "node-1.example", "-cluster-public-port", "65535"),
      CommandLine.parse("-cluster", "-cluster-public-host", "node-1.example", "-cluster-public-port=65535").launcherArgs());
  }

  @Test
  void refusesInstancesAndDeploymentOptionsWithTheReason() {
    for (String arg : List.of("-instances", "--instances=2", "-INSTANCES")) {
      assertEquals("option '-instances' is not supported: the program runs one main verticle; to spread work, start more nodes with"
        + " --cluster (see Clustered deployment in the README)", assertThrows(ConfigException.class, () -> CommandLine.parse(arg, "2")).getMessage());
    }
    assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse("-deployment-options", "{\"instances\":3}")).getMessage()
      .startsWith("option '-deployment-options' is not supported: "));
  }

  @Test
  void refusesPortsThatAreNotWholeNumbersFrom0To65535() {
    for (String bad : List.of("x", "-1", "70000", "+5", "5.0", "", "99999999999", "0x10")) {
      assertEquals("option '-cluster-port': expected a whole number from 0 to 65535 (0: any free port), got \"" + bad + "\"",
        assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-port", bad)).getMessage(), bad);
    }
    assertEquals(List.of("-cluster", "-cluster-port", "0"), CommandLine.parse("-cluster", "-cluster-port", "0").launcherArgs());
    // Advertised to the other nodes as is: 0 would tell them nothing they can reach.
    assertEquals("option '-cluster-public-port': expected a whole number from 1 to 65535, got \"0\"",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-public-port", "0")).getMessage());
  }

  @Test
  void refusesEmptyHosts() {
    assertEquals("option '-cluster-host': expected a host name or address such as 127.0.0.1, got \"\"",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-host", "")).getMessage());
    assertEquals("option '-cluster-public-host': expected a host name or address such as 127.0.0.1, got \"a b\"",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-public-host=a b")).getMessage());
  }

  @Test
  void refusesClusterSettingsWithoutCluster() {
    assertEquals("option '-cluster-port' only applies to a clustered run; add -cluster (run.sh: --cluster)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster-port", "5000")).getMessage());
    assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster-host", "127.0.0.1"));
  }

  @Test
  void refusesALauncherOptionTwiceAndAFlagWithAValue() {
    assertEquals("option '-cluster' is given more than once; give it once",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-c")).getMessage());
    assertEquals("option '-options' is given more than once; give it once",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-options", "{}", "-vertx-options={}")).getMessage());
    assertEquals("option '-cluster' takes no value; write '-cluster' alone",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster=true")).getMessage());
    // This program's own options too, under their canonical names.
    assertEquals("option '-conf' is given more than once; give it once",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-conf", "a.json", "--CONF=b.json")).getMessage());
    assertEquals("option '--list' takes no value; write '--list' alone",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-list=yes")).getMessage());
  }

  @Test
  void virtualThreadsNeedJava21AndExcludeWorker() {
    CommandLine vt = new CommandLine(false, false, false, null, null, List.of(), List.of("-vt"));
    assertEquals("option '-vt' needs Java 21 or later for virtual threads, and this is Java 17; run on a newer JVM or leave out -vt",
      assertThrows(ConfigException.class, () -> vt.checkCombinations(17)).getMessage());
    vt.checkCombinations(21);
    CommandLine both = new CommandLine(false, false, false, null, null, List.of(), List.of("-worker", "-vt"));
    assertEquals("options '-worker' and '-vt' both choose the main verticle's thread; give one of them",
      assertThrows(ConfigException.class, () -> both.checkCombinations(21)).getMessage());
    if (Runtime.version().feature() < CommandLine.VIRTUAL_THREADS_SINCE) {
      assertThrows(ConfigException.class, () -> CommandLine.parse("-vt"));
    }
    assertEquals(List.of("-worker"), CommandLine.parse("-worker").launcherArgs());
  }

  @Test
  void usageNamesOnlyTheOptionsThatWork() {
    assertTrue(CommandLine.USAGE.contains("-instances and -deployment-options are not supported: the program runs one main verticle."));
    assertTrue(CommandLine.USAGE.lines().allMatch(line -> line.length() <= 100), CommandLine.USAGE);
  }

  @Test
  void acceptsBothDashStylesAndAnyCase() {
    assertTrue(CommandLine.parse("--LIST").list());
    assertTrue(CommandLine.parse("-list").list());
    assertTrue(CommandLine.parse("-h").help());
    assertEquals("{}", CommandLine.parse("--conf={}").conf());
    assertEquals("{\"a\":\"b=c\"}", CommandLine.parse("--CONF", "{\"a\":\"b=c\"}").conf());
    assertEquals("{\"a\":\"b=c\"}", CommandLine.parse("-conf={\"a\":\"b=c\"}").conf());
    assertEquals(List.of("-cluster", "-cluster-port", "10", "-cluster-public-host", "h", "-cluster-public-port", "1", "-worker"),
      CommandLine.parse("--c", "--CLUSTER-PORT=010", "-cluster-public-host=h", "--cluster-public-port=1", "--w").launcherArgs());
    assertTrue(CommandLine.parse("-help").help());
    assertTrue(CommandLine.parse("--H").help());
  }

  @Test
  void picocliReadsNeitherClusteredShortOptionsNorArgumentFilesNorAnEndOfOptions() {
    assertEquals("unknown option '-cw' (--help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cw")).getMessage());
    assertEquals(List.of("@args.txt", "-"), CommandLine.parse("@args.txt", "-").scenarioIds());
    assertEquals("unknown option '--' (--help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("--", "tasks")).getMessage());
  }

  @Test
  void suggestsTheClosestOptionToAMisspeltOne() {
    assertEquals("unknown option '--lsit' (did you mean '--list'? --help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("--lsit")).getMessage());
    assertEquals("unknown option '-cluster-prot=5000' (did you mean '-cluster-port'? --help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-prot=5000")).getMessage());
    // One letter off a one-letter option is any other option.
    assertEquals("unknown option '-x' (--help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-x")).getMessage());
  }

  @Test
  void refusesUnknownOptionsAndMissingValues() {
    assertEquals("unknown option '--colour' (--help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("--colour")).getMessage());
    assertEquals("option '-cluster-port' needs a value",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster", "-cluster-port")).getMessage());
    // Another option is no value.
    assertEquals("option '-cluster-host' needs a value",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-cluster-host", "-c")).getMessage());
  }

  @Test
  void refusesControlCharactersInAnyArgumentShownEscaped() {
    assertEquals("argument 2 \"tas\\nks\" holds the control character \\n; remove it",
      assertThrows(ConfigException.class, () -> CommandLine.parse("futures", "tas\nks")).getMessage());
    assertEquals("argument 1 \"--report=\\u0000\" holds the control character \\u0000; remove it",
      assertThrows(ConfigException.class, () -> CommandLine.parse("--report=\0")).getMessage());
    // Inline JSON may still be written over several lines.
    assertEquals("{\n\t\"seed\": 1\n}", CommandLine.parse("-conf={\n\t\"seed\": 1\n}").conf());
    assertThrows(ConfigException.class, () -> CommandLine.parse("-conf", "{\"a\": \u001b}"));
  }
}
