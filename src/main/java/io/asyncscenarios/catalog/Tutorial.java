package io.asyncscenarios.catalog;

import io.asyncscenarios.scenario.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The asyncio tutorial the scenarios come from, cut into its programs, and the scenarios' own Java
 * sources: both embedded in the jar by the build, never copied by hand, so that a report can set each
 * scenario beside the tutorial's code and what it printed.
 *
 * <p>The tutorial is plain text. A program runs from its first {@code import} line to the line before
 * {@code # 실행 결과} ("result of running"); the lines after that, up to a blank line or a bullet
 * ({@code •}), are what it printed, except those starting with {@code #}: the tutorial's remarks on the
 * result (the files it created, say). A scenario names its programs by its {@link ScenarioInfo#anchors}.
 */
public final class Tutorial {

  /** The tutorial on the class path, as pom.xml embeds it from {@code ../shared/seed/} ({@code tutorial.seed.file}). */
  public static final String SEED = "tutorial/000_39fc56cfe5cfa0d9.txt";

  /** Where pom.xml embeds the scenarios' sources on the class path: {@code sources/io/asyncscenarios/scenario/...}. */
  public static final String SOURCES = "sources/";

  /** Where those sources are in the project. */
  public static final String SOURCE_ROOT = "src/main/java/";

  static final String RESULT = "# 실행 결과";

  private static List<String> seed;

  private Tutorial() {
  }

  /**
   * One program of the tutorial, Korean kept, lines as the tutorial has them.
   *
   * @param line the tutorial's line number (from 1) of its first line of code
   * @param code the program
   * @param output what the tutorial shows it printed, under {@code # 실행 결과}
   * @param remarks the tutorial's remarks under {@code # 실행 결과} (lines starting with {@code #}), not printed
   */
  public record Program(int line, List<String> code, List<String> output, List<String> remarks) {

    public Program {
      code = List.copyOf(code);
      output = List.copyOf(output);
      remarks = List.copyOf(remarks);
    }
  }

  /**
   * The tutorial's programs one scenario mirrors, in the tutorial's order: one, or two where the tutorial
   * sets two side by side ({@code sync-vs-async}: sync then async; {@code event-loop}: the old style then
   * {@code asyncio.run}; {@code debug-mode}: normal then debug mode).
   */
  public record Section(List<Program> programs) {

    public Section {
      programs = List.copyOf(programs);
    }

    /** What its programs printed, one program after the other: the lines to set beside a run's printed lines. */
    public List<String> output() {
      return programs.stream().flatMap(program -> program.output().stream()).toList();
    }
  }

  /**
   * A scenario's Java source.
   *
   * @param path where it is in the project, e.g. {@code src/main/java/io/asyncscenarios/scenario/intro/SyncVsAsyncScenario.java}
   * @param text the file's text, exactly
   */
  public record JavaSource(String path, String text) {

    public List<String> lines() {
      return text.lines().toList();
    }
  }

  /**
   * The tutorial's programs {@code info} mirrors, or empty for a scenario beyond the tutorial (no anchors).
   *
   * @throws IllegalStateException if an anchor is not on exactly one line of the tutorial, or the tutorial
   *                               is not on the class path (a build that did not embed it)
   */
  public static Optional<Section> section(ScenarioInfo info) {
    return info.anchors().isEmpty() ? Optional.empty() : Optional.of(section(seed(), info.anchors()));
  }

  /** Every program of the tutorial, in its order. */
  public static List<Program> programs() {
    return programs(seed());
  }

  /**
   * The Java source of the class {@code info} makes (one instance is made to learn it: a scenario does
   * nothing until deployed), or of the nearest class it extends whose source is embedded, when it is a
   * test's subclass.
   *
   * @throws IllegalStateException if no source is embedded for it
   */
  public static JavaSource javaSource(ScenarioInfo info) {
    Class<?> made = info.create().getClass();
    for (Class<?> type = made; type != null && type != Scenario.class; type = type.getSuperclass()) {
      String path = type.getNestHost().getName().replace('.', '/') + ".java";
      Optional<String> text = resource(SOURCES + path);
      if (text.isPresent()) {
        return new JavaSource(SOURCE_ROOT + path, text.get());
      }
    }
    throw new IllegalStateException("no source embedded under " + SOURCES + " for " + made.getName()
      + " (scenario " + info.id() + "): build with Maven, which copies src/main/java/io/asyncscenarios/scenario");
  }

  /** The programs {@code anchors} name in the tutorial {@code lines}. */
  static Section section(List<String> lines, List<String> anchors) {
    List<Cut> cuts = cut(lines);
    return new Section(anchors.stream().map(anchor -> find(lines, cuts, anchor)).toList());
  }

  /** The program holding the one line that is {@code anchor}, or, for a line between programs (a heading), the next. */
  private static Program find(List<String> lines, List<Cut> cuts, String anchor) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(anchor)) {
        found.add(i + 1);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException("the anchor \"" + anchor + "\" is on " + found.size() + " lines of the tutorial, not one");
    }
    int line = found.get(0);
    return cuts.stream()
      .filter(cut -> cut.lastLine() >= line)
      .findFirst()
      .orElseThrow(() -> new IllegalStateException("no program of the tutorial at or after the anchor \"" + anchor
        + "\" (line " + line + ")"))
      .program();
  }

  /** The programs of the tutorial {@code lines}, in its order. */
  static List<Program> programs(List<String> lines) {
    return cut(lines).stream().map(Cut::program).toList();
  }

  /** A program and the tutorial's line number of its result's last line. */
  private record Cut(Program program, int lastLine) {
  }

  /** Cuts {@code lines} into programs, one for each {@code # 실행 결과}. */
  private static List<Cut> cut(List<String> lines) {
    List<Cut> cuts = new ArrayList<>();
    int previousEnd = 0;
    for (int result = 0; result < lines.size(); result++) {
      if (!lines.get(result).strip().equals(RESULT)) {
        continue;
      }
      int start = firstImport(lines, previousEnd, result);
      int end = result + 1;
      while (end < lines.size() && !endsResult(lines.get(end))) {
        end++;
      }
      List<String> printed = lines.subList(result + 1, end);
      cuts.add(new Cut(new Program(start + 1, withoutTrailingBlanks(lines.subList(start, result)),
        printed.stream().filter(l -> !isRemark(l)).toList(), printed.stream().filter(Tutorial::isRemark).toList()), end));
      previousEnd = end;
      result = end - 1;
    }
    return cuts;
  }

  /** The first line of the block of imports nearest above {@code result}, no higher than {@code from}. */
  private static int firstImport(List<String> lines, int from, int result) {
    int line = result - 1;
    while (line >= from && !isImport(lines.get(line))) {
      line--;
    }
    if (line < from) {
      throw new IllegalStateException("the program whose result is on line " + (result + 1) + " of the tutorial has no import line");
    }
    while (line - 1 >= from && isImport(lines.get(line - 1))) {
      line--;
    }
    return line;
  }

  private static boolean isImport(String line) {
    return line.startsWith("import ") || line.startsWith("from ");
  }

  private static boolean endsResult(String line) {
    return line.isBlank() || line.strip().startsWith("•");
  }

  private static boolean isRemark(String line) {
    return line.startsWith("#");
  }

  private static List<String> withoutTrailingBlanks(List<String> code) {
    int end = code.size();
    while (end > 0 && code.get(end - 1).isBlank()) {
      end--;
    }
    return code.subList(0, end);
  }

  private static synchronized List<String> seed() {
    if (seed == null) {
      seed = resource(SEED)
        .orElseThrow(() -> new IllegalStateException("the tutorial is not on the class path (" + SEED + "): build with Maven, "
          + "which copies it from ../shared/seed/"))
        .lines()
        .toList();
    }
    return seed;
  }

  private static Optional<String> resource(String name) {
    try (InputStream in = Tutorial.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + " from the class path", e);
    }
  }
}
