package io.asyncscenarios.catalog;

import io.asyncscenarios.scenario.asyncio.TasksScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TutorialTest {

  /** The seed the build embedded, as pom.xml names it to the tests. */
  private static final Path SEED = Path.of(Objects.requireNonNull(System.getProperty("tutorial.seed"),
    "pom.xml hands the tests the seed's path as tutorial.seed"));

  private static final Catalog CATALOG = Catalog.standard();

  static Stream<ScenarioInfo> tutorialScenarios() {
    return CATALOG.defaults().stream();
  }

  /** Each program each tutorial scenario shows: where it starts in the seed, its last line of code, what it printed. */
  static Stream<Arguments> cuts() {
    return Stream.of(
      Arguments.of("sync-vs-async", 0, 12, "main()", 7,
        "Task 1 작업 시작", " 실행 시간: 6.03"),
      Arguments.of("sync-vs-async", 1, 41, "asyncio.run(main())", 7,
        "Task 1 작업 시작", " 실행 시간: 3.01"),
      Arguments.of("coroutine-basics", 0, 96, "asyncio.run(main())", 8,
        "시작", "종료"),
      Arguments.of("gather-basics", 0, 126, "    asyncio.run(main())", 4,
        "Task 1 started", "Task 1 finished"),
      Arguments.of("event-loop", 0, 167, "# asyncio.run(hello_world())", 4,
        "DeprecationWarning: There is no current event loop", "World"),
      Arguments.of("event-loop", 1, 192, "asyncio.run(hello_world())", 2,
        "Hello", "World"),
      Arguments.of("tasks", 0, 210, "asyncio.run(main())", 4,
        "Task A started", "Task A finished after 2 seconds"),
      Arguments.of("futures", 0, 241, "asyncio.run(main())", 1,
        "Future is done!", "Future is done!"),
      Arguments.of("async-def", 0, 288, "asyncio.run(main())", 1,
        "Hello, Alice!", "Hello, Alice!"),
      Arguments.of("await-chain", 0, 308, "asyncio.run(main())", 9,
        "Fetching data from http://example.com", "Processed Data from http://example.net"),
      Arguments.of("gather-results", 0, 355, "asyncio.run(main())", 8,
        "Task 1 시작", "결과: ['Task 1의 결과', 'Task 2의 결과', 'Task 3의 결과']"),
      Arguments.of("create-task", 0, 394, "asyncio.run(main())", 10,
        "다른 작업 수행 ...", "결과: ['Task 1의 결과', 'Task 2의 결과', 'Task 3의 결과']"),
      Arguments.of("async-files", 0, 448, "asyncio.run(main())", 2,
        "Processed content: HELLO, WORLD!", "THIS IS A TEST FILE."),
      Arguments.of("http-fetch", 0, 484, "asyncio.run(main())", 4,
        "https://www.python.org: 51601 characters", "https://peps.python.org: 571517 characters"),
      Arguments.of("download-and-save", 0, 528, "asyncio.run(main())", 3,
        "Downloaded downloaded_sites\\www.python.org.html: 51601 characters", "Downloaded downloaded_sites\\pypi.org.html: 20304 characters"),
      Arguments.of("error-handling", 0, 572, "asyncio.run(main())", 1,
        "Caught an error: This is a test error", "Caught an error: This is a test error"),
      Arguments.of("gather-errors", 0, 590, "asyncio.run(main())", 2,
        "Task failed with error: Error in task1", "Task succeeded with result: Task2 result"),
      Arguments.of("debug-mode", 0, 633, "asyncio.run(main())", 3,
        "xxxxx 7: RuntimeWarning: coroutine 'test' was never awaited", "RuntimeWarning: Enable tracemalloc to get the object allocation traceback"),
      Arguments.of("debug-mode", 1, 649, "asyncio.run(main(), debug=True)", 19,
        "Coroutine created at (most recent call last)", "RuntimeWarning: Enable tracemalloc to get the object allocation traceback"),
      Arguments.of("logging", 0, 683, "asyncio.run(main())", 7,
        "DEBUG:asyncio:Using proactor: IocpProactor", "DEBUG:root:Task C completed"),
      Arguments.of("task-monitor", 0, 710, "asyncio.run(main())", 12,
        "Current task: Monitor", "All tasks: ['Task-1', 'Monitor']"));
  }

  @Test
  void theEmbeddedTutorialIsTheSeedByteForByte() throws IOException {
    assertEquals(Files.readString(SEED), resource(Tutorial.SEED));
  }

  @Test
  void everyEmbeddedScenarioSourceIsTheFileInSrcMainJava() throws IOException {
    Path root = Path.of(Tutorial.SOURCE_ROOT);
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(root.resolve("io/asyncscenarios/scenario"))) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(sources.isEmpty());
    for (Path source : sources) {
      String name = Tutorial.SOURCES + root.relativize(source).toString().replace('\\', '/');
      assertEquals(Files.readString(source), resource(name), name);
    }
  }

  @ParameterizedTest
  @MethodSource("tutorialScenarios")
  void everyAnchorIsOnExactlyOneLineOfTheTutorial(ScenarioInfo info) throws IOException {
    List<String> seed = Files.readAllLines(SEED);
    assertFalse(info.anchors().isEmpty(), info.id() + " has no anchor");
    for (String anchor : info.anchors()) {
      assertEquals(1, seed.stream().filter(line -> line.strip().equals(anchor)).count(), anchor);
    }
  }

  @ParameterizedTest
  @MethodSource("tutorialScenarios")
  void everyTutorialScenarioShowsProgramsWithCodeAndPrintedResult(ScenarioInfo info) {
    Tutorial.Section section = Tutorial.section(info).orElseThrow();
    assertEquals(info.anchors().size(), section.programs().size());
    for (Tutorial.Program program : section.programs()) {
      assertTrue(program.code().get(0).startsWith("import "), program.code().get(0));
      assertFalse(program.output().isEmpty(), info.id() + " at line " + program.line());
    }
  }

  @ParameterizedTest
  @MethodSource("cuts")
  void eachProgramIsCutWhereTheTutorialHasIt(String id, int index, int line, String lastCode, int printed, String firstPrinted,
                                             String lastPrinted) {
    Tutorial.Program program = Tutorial.section(CATALOG.find(id).orElseThrow()).orElseThrow().programs().get(index);
    assertAll(
      () -> assertEquals(line, program.line()),
      () -> assertEquals(lastCode, program.code().get(program.code().size() - 1)),
      () -> assertEquals(printed, program.output().size()),
      () -> assertEquals(firstPrinted, program.output().get(0)),
      () -> assertEquals(lastPrinted, program.output().get(printed - 1)));
  }

  @Test
  void theTutorialScenariosShowEveryProgramOfTheTutorialOnceInItsOrder() {
    List<Tutorial.Program> shown = tutorialScenarios()
      .flatMap(info -> Tutorial.section(info).orElseThrow().programs().stream())
      .toList();
    assertEquals(Tutorial.programs(), shown);
    assertEquals(21, shown.size());
  }

  @Test
  void theCodeKeepsTheTutorialsKoreanCommentsAndTheRemarksStayOutOfThePrintedLines() {
    Tutorial.Program files = Tutorial.section(CATALOG.find("async-files").orElseThrow()).orElseThrow().programs().get(0);
    assertTrue(files.code().contains("    processed_content = content.upper()  # 간단한 처리: 모든 텍스트를 대문자로 변환"));
    assertEquals(List.of("Processed content: HELLO, WORLD!", "THIS IS A TEST FILE."), files.output());
    assertEquals(List.of("# 'input.txt' 파일 생성 - Hello, World!\\nThis is a test file.",
      "# 'output.txt' 파일 생성 - HELLO, WORLD!\\nTHIS IS A TEST FILE."), files.remarks());
  }

  @Test
  void aSectionsOutputIsItsProgramsOutputsOneAfterTheOther() {
    Tutorial.Section loop = Tutorial.section(CATALOG.find("event-loop").orElseThrow()).orElseThrow();
    assertEquals(List.of("DeprecationWarning: There is no current event loop", "  loop = asyncio.get_event_loop()", "Hello", "World",
      "Hello", "World"), loop.output());
  }

  @Test
  void aScenarioBeyondTheTutorialHasNoSectionButItsSource() {
    ScenarioInfo gather = CATALOG.find("distributed-gather").orElseThrow();
    assertTrue(gather.anchors().isEmpty());
    assertTrue(Tutorial.section(gather).isEmpty());
    assertEquals("src/main/java/io/asyncscenarios/scenario/cluster/DistributedGatherScenario.java", Tutorial.javaSource(gather).path());
  }

  @Test
  void everyScenariosSourceIsItsClasssFile() throws IOException {
    for (ScenarioInfo info : CATALOG.all()) {
      Tutorial.JavaSource source = Tutorial.javaSource(info);
      assertTrue(source.path().startsWith("src/main/java/io/asyncscenarios/scenario/"), source.path());
      assertEquals(Files.readString(Path.of(source.path())), source.text(), info.id());
      assertTrue(source.path().endsWith("/" + info.create().getClass().getSimpleName() + ".java"), source.path());
    }
  }

  @Test
  void aTestsSubclassShowsTheSourceOfTheScenarioItExtends() {
    ScenarioInfo tasks = CATALOG.find("tasks").orElseThrow().withFactory(() -> new TasksScenario() { });
    assertEquals("src/main/java/io/asyncscenarios/scenario/asyncio/TasksScenario.java", Tutorial.javaSource(tasks).path());
  }

  @Test
  void aHeadingAnchorNamesTheProgramAfterIt() {
    List<String> tutorial = List.of(
      "First", "", "import asyncio", "print('one')", "# 실행 결과", "one", "  • a bullet ends the result",
      "Second", "", "import asyncio", "print('two')", "", "# 실행 결과", "two", "# a remark", "", "prose");
    Tutorial.Section section = Tutorial.section(tutorial, List.of("Second", "print('one')"));
    Tutorial.Program second = section.programs().get(0);
    Tutorial.Program first = section.programs().get(1);
    assertEquals(new Tutorial.Program(10, List.of("import asyncio", "print('two')"), List.of("two"), List.of("# a remark")), second);
    assertEquals(new Tutorial.Program(3, List.of("import asyncio", "print('one')"), List.of("one"), List.of()), first);
  }

  @Test
  void anAnchorMissingOrRepeatedIsNamed() {
    List<String> tutorial = List.of("import asyncio", "x = 1", "x = 1", "# 실행 결과", "done");
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Tutorial.section(tutorial, List.of("y = 2")));
    assertTrue(missing.getMessage().contains("\"y = 2\" is on 0 lines"), missing.getMessage());
    IllegalStateException repeated = assertThrows(IllegalStateException.class, () -> Tutorial.section(tutorial, List.of("x = 1")));
    assertTrue(repeated.getMessage().contains("\"x = 1\" is on 2 lines"), repeated.getMessage());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TutorialTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
