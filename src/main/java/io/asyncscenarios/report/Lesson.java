package io.asyncscenarios.report;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.catalog.Tutorial;

import java.util.stream.Collectors;

/**
 * The texts the HTML report shows beside a scenario's run: the tutorial section's Python and what it
 * printed ({@code # 실행 결과}), and the scenario's own Java source. Any of them may be {@code null} (a
 * scenario of our own has no tutorial section): the page leaves that part out.
 *
 * @param python the tutorial's code, Korean comments kept
 * @param pythonOutput the lines the tutorial shows under {@code # 실행 결과}
 * @param javaPath where the Java source lives in the repository, as its caption
 * @param java the scenario's Java source
 */
public record Lesson(String python, String pythonOutput, String javaPath, String java) {

  public static final Lesson NONE = new Lesson(null, null, null, null);

  /**
   * The texts of a scenario, from what the build embedded in the jar: the tutorial's programs (two,
   * one after the other, where the section has two) and the scenario's source.
   */
  public static Lesson of(ScenarioInfo info) {
    Tutorial.JavaSource source = Tutorial.javaSource(info);
    return Tutorial.section(info)
      .map(section -> new Lesson(
        section.programs().stream().map(program -> String.join("\n", program.code())).collect(Collectors.joining("\n\n")),
        String.join("\n", section.output()), source.path(), source.text()))
      .orElse(new Lesson(null, null, source.path(), source.text()));
  }
}
