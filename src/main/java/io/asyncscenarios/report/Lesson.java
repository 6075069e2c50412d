package io.asyncscenarios.report;

import io.asyncscenarios.catalog.ScenarioInfo;

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
   * The texts of a scenario. Part B plugs in here (spec14 §2): the seed's section and the source, both
   * embedded in the jar at build time. Until it lands, none.
   */
  public static Lesson of(ScenarioInfo info) {
    return NONE;
  }
}
