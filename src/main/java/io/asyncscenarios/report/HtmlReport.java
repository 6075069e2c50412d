package io.asyncscenarios.report;

import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report people look at: one self-contained HTML file (inline CSS and SVG, nothing fetched), with
 * each scenario's claims and its timeline, one lane per task, so that sequential and concurrent runs
 * can be told apart at a glance.
 */
public final class HtmlReport {

  static final int LEFT = 190;
  static final int WIDTH = 760;
  static final int LANE = 22;
  static final int BAR = 14;
  static final int GROUP_GAP = 20;
  static final int AXIS = 28;

  private HtmlReport() {
  }

  /** Renders and writes on a worker thread: a large run's timeline takes a while to lay out. */
  public static Future<Void> write(Vertx vertx, RunReport report, String path) {
    return vertx.executeBlocking(() -> {
      byte[] html = render(report).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.writeBlocking(Path.of(path), out -> out.write(html));
      return null;
    }, false);
  }

  public static String render(RunReport report) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>async-scenarios report</title>\n")
      .append("<style>").append(CSS).append("</style></head>\n<body>\n<h1>async-scenarios</h1>\n")
      .append(String.format(Locale.ROOT, "<p class=\"run\">%d scenario(s): %d passed, %d failed, %d errors in %.2f s at timeScale %s; started %s</p>\n",
        report.scenarios().size(), report.count(io.asyncscenarios.runner.Status.PASSED),
        report.count(io.asyncscenarios.runner.Status.FAILED), report.count(io.asyncscenarios.runner.Status.ERROR),
        report.elapsedMs() / 1000, report.options().timeScale(), escape(report.startedAt().toString())))
      .append("<p class=\"legend\"><span class=\"key finished\"></span>finished <span class=\"key failed\"></span>failed ")
      .append("<span class=\"key cancelled\"></span>cancelled <span class=\"key running\"></span>still running ")
      .append("<span class=\"dot\"></span>printed <span class=\"tri\"></span>warning</p>\n");
    for (ScenarioOutcome outcome : report.scenarios()) {
      scenario(html, outcome);
    }
    return html.append("</body></html>\n").toString();
  }

  private static void scenario(StringBuilder html, ScenarioOutcome outcome) {
    String status = outcome.status().label();
    html.append("<section id=\"").append(escape(outcome.info().id())).append("\">\n")
      .append("<h2>").append(escape(outcome.info().id())).append(" <span class=\"status ").append(status).append("\">")
      .append(status).append("</span></h2>\n")
      .append("<p class=\"title\">").append(escape(outcome.info().title())).append(" <span class=\"section\">(tutorial: ")
      .append(escape(outcome.info().section())).append(")</span>")
      .append(String.format(Locale.ROOT, " — %.2f s</p>\n", outcome.elapsedMs() / 1000));
    if (outcome.error() != null) {
      html.append("<p class=\"error\">").append(escape(outcome.error())).append("</p>\n");
    }
    if (!outcome.claims().isEmpty()) {
      html.append("<table class=\"claims\"><tr><th></th><th>claim</th><th>expected</th><th>actual</th></tr>\n");
      for (ClaimResult claim : outcome.claims()) {
        html.append("<tr class=\"").append(claim.held() ? "held" : "not-held").append("\"><td>")
          .append(claim.held() ? "✓" : "✗").append("</td><td>").append(escape(claim.text())).append("</td><td>")
          .append(escape(claim.expected())).append("</td><td>").append(escape(claim.actual())).append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    svg(html, TimelineLayout.of(outcome));
    html.append("</section>\n");
  }

  static void svg(StringBuilder html, TimelineLayout layout) {
    int height = AXIS + layout.groups().size() * (GROUP_GAP) + layout.laneCount() * LANE + 10;
    double scale = WIDTH / Math.max(layout.totalMs(), 1);
    html.append(String.format(Locale.ROOT, "<svg class=\"timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" data-total-ms=\"%.3f\">\n",
      LEFT + WIDTH + 20, height, LEFT + WIDTH + 20, height, layout.totalMs()));
    for (TimelineLayout.Tick tick : layout.ticks()) {
      double x = LEFT + tick.tMs() * scale;
      html.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, AXIS - 6, x, height))
        .append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s</text>\n", x, AXIS - 10, escape(tick.label())));
    }
    int y = AXIS;
    for (TimelineLayout.Group group : layout.groups()) {
      y += GROUP_GAP;
      html.append(String.format(Locale.ROOT, "<text class=\"group\" x=\"4\" y=\"%d\">%s</text>\n", y - 5, escape(group.name())));
      for (TimelineLayout.Lane lane : group.lanes()) {
        lane(html, lane, y, scale);
        y += LANE;
      }
    }
    if (layout.hiddenLanes() > 0) {
      html.append(String.format(Locale.ROOT, "<text class=\"group\" x=\"4\" y=\"%d\">and %d more tasks</text>\n", y + 8, layout.hiddenLanes()));
    }
    html.append("</svg>\n");
  }

  private static void lane(StringBuilder html, TimelineLayout.Lane lane, int y, double scale) {
    double x = LEFT + lane.startMs() * scale;
    double width = Math.max(1, lane.durationMs() * scale);
    html.append(String.format(Locale.ROOT, "<text class=\"lane\" x=\"%d\" y=\"%d\">%s</text>", LEFT - 6, y + BAR - 3, escape(lane.task())))
      .append(String.format(Locale.ROOT, "<rect class=\"bar %s\" data-task=\"%s\" data-start-ms=\"%.3f\" data-end-ms=\"%.3f\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" rx=\"2\">",
        lane.outcome(), escape(lane.task()), lane.startMs(), lane.endMs(), x, y, width, BAR, BAR))
      .append(String.format(Locale.ROOT, "<title>%s: %.3f s → %.3f s (%.1f ms), %s</title></rect>",
        escape(lane.task()), lane.startMs() / 1000, lane.endMs() / 1000, lane.durationMs(), lane.outcome()));
    for (TimelineLayout.Mark mark : lane.marks()) {
      double mx = LEFT + mark.tMs() * scale;
      String title = String.format(Locale.ROOT, "<title>%.3f s %s: %s</title>", mark.tMs() / 1000, mark.kind(), escape(mark.message()));
      if (mark.kind().equals("warn")) {
        html.append(String.format(Locale.ROOT, "<path class=\"mark warn\" d=\"M%.1f %d l5 9 h-10 z\">%s</path>", mx, y + 2, title));
      } else {
        html.append(String.format(Locale.ROOT, "<circle class=\"mark %s\" cx=\"%.1f\" cy=\"%d\" r=\"3\">%s</circle>", mark.kind(), mx, y + BAR / 2, title));
      }
    }
    html.append('\n');
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static final String CSS = """
    body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
    h1{font-size:22px}h2{font-size:17px;margin:28px 0 4px;font-family:monospace}
    .run{color:#555}.title{margin:0 0 8px}.section{color:#777}.error{color:#b00020;font-family:monospace}
    .status{font:12px system-ui;padding:1px 7px;border-radius:9px;color:#fff;vertical-align:middle}
    .status.passed{background:#2e7d32}.status.failed{background:#c62828}.status.error{background:#6a1b9a}.status.interrupted{background:#ef6c00}
    table.claims{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
    table.claims td,table.claims th{padding:2px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #eee}
    table.claims td:nth-child(2){min-width:260px}table.claims td{max-width:340px;overflow-wrap:anywhere}
    tr.held td:first-child{color:#2e7d32}tr.not-held{background:#fdecea}tr.not-held td:first-child{color:#c62828}
    svg.timeline{display:block;background:#fafafa;border:1px solid #eee}
    line.tick{stroke:#ddd}text.tick{font:11px sans-serif;fill:#777;text-anchor:middle}
    text.group{font:bold 11px sans-serif;fill:#555}text.lane{font:12px monospace;fill:#333;text-anchor:end}
    rect.bar.finished{fill:#4caf50}rect.bar.failed{fill:#e53935}rect.bar.cancelled{fill:#9e9e9e}rect.bar.running{fill:#90caf9}
    .mark{fill:#1a237e}.mark.warn{fill:#ff9800}
    .legend .key{display:inline-block;width:14px;height:10px;margin:0 4px 0 10px}
    .key.finished{background:#4caf50}.key.failed{background:#e53935}.key.cancelled{background:#9e9e9e}.key.running{background:#90caf9}
    .dot{display:inline-block;width:7px;height:7px;border-radius:4px;background:#1a237e;margin:0 4px 0 10px}
    .tri{display:inline-block;width:0;height:0;border:5px solid transparent;border-bottom:9px solid #ff9800;margin:0 4px 0 10px}
    """;
}
