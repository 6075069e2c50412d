package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleReportTest {

  @Test
  void progressShowsOnATerminalAndIsClearedByTheNextLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    report.progress("downloading 1 of 2: 10 bytes");
    report.event(new Event(1, "t", EventType.PRINT, "loop", "done"));
    assertEquals("\r\033[K   downloading 1 of 2: 10 bytes\r\033[K      0.001 s  done\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void progressNeverReachesAPipeOrAFile() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    report.progress("downloading 1 of 2: 10 bytes");
    report.event(new Event(1, "t", EventType.PRINT, "loop", "done"));
    assertEquals("      0.001 s  done\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLongScenarioShowsItsFirstAndLastLinesAndCountsTheRest() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    ScenarioInfo info = Catalog.standard().find("gather-results").orElseThrow();
    report.scenarioStarted(info);
    for (int i = 1; i <= 100; i++) {
      report.event(new Event(i, "t", EventType.PRINT, "loop", "line " + i));
    }
    report.scenarioEnded(new ScenarioOutcome(info, Status.PASSED, 100, null, List.of(), new EventLog(0), null));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("line ") || l.contains("...")).toList();
    assertEquals(ConsoleReport.HEAD_LINES + 1 + ConsoleReport.TAIL_LINES, lines.size(), lines::toString);
    assertTrue(lines.get(0).endsWith("line 1"));
    assertTrue(lines.get(ConsoleReport.HEAD_LINES - 1).endsWith("line 40"));
    assertEquals("   ... 50 lines not shown (a JSON report, --report, keeps every one) ...", lines.get(ConsoleReport.HEAD_LINES));
    assertTrue(lines.get(ConsoleReport.HEAD_LINES + 1).endsWith("line 91"));
    assertTrue(lines.get(lines.size() - 1).endsWith("line 100"));
  }

  @Test
  void aLongClaimValueIsCutOnTheConsole() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    ScenarioInfo info = Catalog.standard().find("http-fetch").orElseThrow();
    report.scenarioStarted(info);
    // A hundred URLs, as http-fetch claims them: 1,400 characters that the JSON report keeps whole.
    String urls = String.join(", ", java.util.Collections.nCopies(100, "http://127.0.0.1:8080/x"));
    report.scenarioEnded(new ScenarioOutcome(info, Status.PASSED, 100, null,
      List.of(new ClaimResult("each URL fetched", urls, "short", true)), new EventLog(0), null));
    String claim = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("each URL fetched")).findFirst().orElseThrow();
    assertEquals("   ✓ each URL fetched: expected " + urls.substring(0, ConsoleReport.CLAIM_VALUE) + "…, actual short", claim);
  }
}
