package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskTreeTest {

  private final Recorder recorder = new Recorder(event -> { });

  @Test
  void eachTaskHangsUnderItsAwaiterElseItsCreatorWithHowItEnded() {
    int main = task("Task-1", -1);
    int a = task("A", main);
    int a1 = task("A1", a);
    int b = task("B", main);
    // Made by A, but main awaits it: it hangs under main.
    int c = task("C", a);
    recorder.awaited(a, main);
    recorder.awaited(a1, a);
    recorder.awaited(c, main);
    recorder.record(a1, EventType.ERROR, "boom\nsecond line");
    recorder.record(b, EventType.CANCEL, TaskEnd.CANCELLED_BY + "Task-1");
    recorder.record(a, EventType.FINISH, "");
    recorder.record(main, EventType.FINISH, "");
    assertEquals(List.of(
      "└── Task-1  finished",
      "    ├── A  finished",
      "    │   └── A1  failed: boom\\nsecond line",
      "    ├── B  cancelled by Task-1  (created here, not awaited)",
      "    └── C  running"), TaskTree.lines(recorder.log(), recorder.log().size(), 40));
  }

  @Test
  void pastItsLinesTheTreeCountsTheTasksLeftOut() {
    int main = task("Task-1", -1);
    for (int i = 1; i <= 100; i++) {
      int task = task("Task " + i, main);
      recorder.awaited(task, main);
      // Each ended its own way: none are alike, so none are counted together.
      recorder.record(task, EventType.ERROR, "error " + i);
    }
    List<String> lines = TaskTree.lines(recorder.log(), recorder.log().size(), 40);
    assertEquals(41, lines.size(), lines::toString);
    assertEquals("    ├── Task 39  failed: error 39", lines.get(39));
    assertEquals("... and 61 more tasks", lines.get(40));
  }

  @Test
  void siblingsThatEndedAlikeBeyondTheFirstFewMakeOneLine() {
    int main = task("Task-1", -1);
    for (int i = 1; i <= 39; i++) {
      int task = task("Task " + i, main);
      recorder.awaited(task, main);
      recorder.record(task, EventType.FINISH, "");
    }
    int odd = task("odd one", main);
    recorder.awaited(odd, main);
    recorder.record(odd, EventType.ERROR, "boom");
    for (int i = 40; i <= 44; i++) {
      recorder.awaited(task("Task " + i, main), main);
    }
    assertEquals(List.of(
      "└── Task-1  running",
      "    ├── Task 1  finished",
      "    ├── Task 2  finished",
      "    ├── Task 3  finished",
      "    ├── … and 36 more, all finished",
      "    ├── odd one  failed: boom",
      "    ├── Task 40  running",
      "    ├── Task 41  running",
      "    ├── Task 42  running",
      "    └── … and 2 more, all running"), TaskTree.lines(recorder.log(), recorder.log().size(), 40));
  }

  @Test
  void oneMoreLikeTheOthersIsDrawnRatherThanCounted() {
    int main = task("Task-1", -1);
    for (int i = 1; i <= 4; i++) {
      recorder.awaited(task("Task " + i, main), main);
    }
    assertEquals(List.of(
      "└── Task-1  running",
      "    ├── Task 1  running",
      "    ├── Task 2  running",
      "    ├── Task 3  running",
      "    └── Task 4  running"), TaskTree.lines(recorder.log(), recorder.log().size(), 40));
  }

  @Test
  void tasksAwaitingEachOtherInARingAreDrawnToo() {
    int main = task("Task-1", -1);
    int x = task("X", main);
    int y = task("Y", main);
    recorder.awaited(x, y);
    recorder.awaited(y, x);
    assertEquals(List.of(
      "└── Task-1  running",
      "└── X  running",
      "    └── Y  running"), TaskTree.lines(recorder.log(), recorder.log().size(), 40));
  }

  @Test
  void theTextReportDrawsTheTreeAfterTheLinesAndBeforeTheClaims() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    ScenarioInfo info = Catalog.standard().find("tasks").orElseThrow();
    report.scenarioStarted(info);
    int main = task("Task-1", -1);
    recorder.awaited(task("A", main), main);
    report.scenarioEnded(new ScenarioOutcome(info, Status.PASSED, 100, null, List.of(), recorder.log(), null));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("\n   tasks (each under the task that awaits it, else the one that created it):\n"
      + "   └── Task-1  running\n"
      + "       └── A  running\n"
      + "   passed in"), out);
  }

  private int task(String name, int creator) {
    return recorder.addTask(name, creator);
  }
}
