package io.asyncscenarios.report;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
