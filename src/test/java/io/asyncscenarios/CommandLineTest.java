package io.asyncscenarios;

import io.asyncscenarios.config.ConfigException;
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
    assertEquals(List.of("-cluster", "--cluster-port", "5000", "-options={\"a\":1}"), cli.launcherArgs());
  }

  @Test
  void acceptsBothDashStylesAndAnyCase() {
    assertTrue(CommandLine.parse("--LIST").list());
    assertTrue(CommandLine.parse("-list").list());
    assertTrue(CommandLine.parse("-h").help());
    assertEquals("{}", CommandLine.parse("--conf={}").conf());
  }

  @Test
  void refusesUnknownOptionsAndMissingValues() {
    assertEquals("unknown option '--colour' (--help lists the options)",
      assertThrows(ConfigException.class, () -> CommandLine.parse("--colour")).getMessage());
    assertEquals("option '-instances' needs a value",
      assertThrows(ConfigException.class, () -> CommandLine.parse("-instances")).getMessage());
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
