package io.asyncscenarios.report;

import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report people look at: one self-contained HTML file (inline CSS, SVG and script, nothing fetched).
 * Per scenario: its claims, its timeline (one lane per task, readable without the script), and a time
 * cursor to play, step both ways or drag through the run, showing at each moment what every task is
 * doing, the lines printed so far beside the tutorial's, and the claims decided so far; the tutorial's
 * Python beside our Java. The cursor's script and the styles are resources ({@code report/teacher.js},
 * {@code report/report.css}) inlined into the page; the data each scenario gives the script comes from
 * {@link TeachingData}, the texts beside it from {@link Lesson}.
 */
public final class HtmlReport {

  static final int LEFT = 190;
  static final int WIDTH = 760;
  static final int LANE = 22;
  static final int BAR = 14;
  static final int GROUP_GAP = 20;
  static final int AXIS = 28;

  static final String CSS = resource("report.css");
  static final String SCRIPT = resource("teacher.js");

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
    return render(report, TeachingData::of, Lesson::of);
  }

  /**
   * @param teaching the data of each scenario's time cursor
   * @param lessons the texts shown beside each scenario
   */
  static String render(RunReport report, Function<ScenarioOutcome, JsonObject> teaching, Function<ScenarioInfo, Lesson> lessons) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>async-scenarios report</title>\n")
      .append("<style>").append(CSS).append("</style></head>\n<body>\n<h1>async-scenarios</h1>\n")
      .append(String.format(Locale.ROOT, "<p class=\"run\">%d scenario(s): %d passed, %d failed, %d errors in %.2f s at timeScale %s; started %s</p>\n",
        report.scenarios().size(), report.count(Status.PASSED), report.count(Status.FAILED), report.count(Status.ERROR),
        report.elapsedMs() / 1000, report.options().timeScale(), escape(report.startedAt().toString())))
      .append("<p class=\"legend\"><span class=\"key finished\"></span>finished <span class=\"key failed\"></span>failed ")
      .append("<span class=\"key cancelled\"></span>cancelled <span class=\"key running\"></span>still running ")
      .append("<span class=\"dot\"></span>printed <span class=\"tri\"></span>warning")
      .append("<span data-with-script hidden><span class=\"key waiting\"></span>waiting (lighter) <span class=\"edge\"></span>a task's end waking the task that awaits it ")
      .append("· keys: ← → step, space play or pause, Home End</span></p>\n");
    contents(html, report);
    for (ScenarioOutcome outcome : report.scenarios()) {
      scenario(html, outcome, teaching.apply(outcome), lessons.apply(outcome.info()));
    }
    return html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n").toString();
  }

  /** A link to each scenario, so that a learner picks the one to step through instead of scrolling for it. */
  private static void contents(StringBuilder html, RunReport report) {
    html.append("<nav class=\"contents\">");
    for (ScenarioOutcome outcome : report.scenarios()) {
      String id = escape(outcome.info().id());
      html.append("<a class=\"").append(outcome.status().label()).append("\" href=\"#").append(id).append("\">").append(id).append("</a> ");
    }
    html.append("</nav>\n");
  }

  private static void scenario(StringBuilder html, ScenarioOutcome outcome, JsonObject data, Lesson lesson) {
    String status = outcome.status().label();
    html.append("<section class=\"scenario\" id=\"").append(escape(outcome.info().id())).append("\">\n")
      .append("<h2>").append(escape(outcome.info().id())).append(" <span class=\"status ").append(status).append("\">")
      .append(status).append("</span></h2>\n")
      .append("<p class=\"title\">").append(escape(outcome.info().title())).append(" <span class=\"section\">(tutorial: ")
      .append(escape(outcome.info().section())).append(")</span>")
      .append(String.format(Locale.ROOT, " — %.2f s</p>\n", outcome.elapsedMs() / 1000));
    if (outcome.error() != null) {
      html.append("<p class=\"error\">").append(escape(outcome.error())).append("</p>\n");
    }
    claims(html, outcome.claims(), data);
    player(html, data.getDouble("totalMs"));
    svg(html, TimelineLayout.of(outcome));
    teacher(html, data, lesson);
    code(html, lesson);
    // "<" escaped: no text in the data can close the script element.
    html.append("<script type=\"application/json\" class=\"teaching\">").append(data.encode().replace("<", "\\u003c"))
      .append("</script>\n</section>\n");
  }

  /** The claims, each with the moment it is decided: the script greys those not decided at the cursor. */
  private static void claims(StringBuilder html, List<ClaimResult> claims, JsonObject data) {
    if (claims.isEmpty()) {
      return;
    }
    JsonArray moments = data.getJsonArray("claims");
    html.append("<table class=\"claims\"><tr><th></th><th>claim</th><th>expected</th><th>actual</th><th>decided</th></tr>\n");
    for (int i = 0; i < claims.size(); i++) {
      ClaimResult claim = claims.get(i);
      double atMs = moments.getJsonObject(i).getDouble("atMs");
      html.append("<tr class=\"").append(claim.held() ? "held" : "not-held").append("\" data-at-ms=\"")
        .append(String.format(Locale.ROOT, "%.3f", atMs)).append("\"><td>")
        .append(claim.held() ? "✓" : "✗").append("</td><td>").append(escape(claim.text())).append("</td><td>")
        .append(escape(claim.expected())).append("</td><td>").append(escape(claim.actual())).append("</td><td class=\"decided\">")
        .append(atMs < 0 ? "at the end" : String.format(Locale.ROOT, "at %.3f s", atMs / 1000)).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  /** The cursor's controls, shown by the script. */
  private static void player(StringBuilder html, double totalMs) {
    String total = String.format(Locale.ROOT, "%.3f", totalMs);
    html.append("<div class=\"player\" tabindex=\"0\" hidden title=\"← → step, space play or pause, Home End; or drag on the timeline\">")
      .append("<button type=\"button\" class=\"back\" title=\"previous event (←)\">◀ back</button>")
      .append("<button type=\"button\" class=\"play\" title=\"play or pause (space)\">▶ play</button>")
      .append("<button type=\"button\" class=\"next\" title=\"next event (→)\">next ▶</button>")
      .append("<input type=\"range\" class=\"scrub\" min=\"0\" max=\"").append(total).append("\" step=\"any\" value=\"")
      .append(total).append("\" aria-label=\"time\">")
      .append("<output class=\"clock\"></output><span class=\"now\"></span></div>\n");
  }

  /** Tasks at the cursor (filled by the script), and the printed lines: the tutorial's beside this run's. */
  private static void teacher(StringBuilder html, JsonObject data, Lesson lesson) {
    html.append("<div class=\"teacher\">\n<div class=\"at-cursor\" data-with-script hidden><h3>Tasks at the cursor</h3>")
      .append("<table class=\"states\"><tbody></tbody></table>");
    int hidden = data.getInteger("hiddenTasks");
    if (hidden > 0) {
      html.append(String.format(Locale.ROOT, "<p class=\"hidden-tasks\">and %d more tasks, not shown</p>", hidden));
    }
    html.append("</div>\n<div class=\"outputs\">\n");
    if (lesson.pythonOutput() != null) {
      html.append("<div class=\"tutorial-output\"><h3>The tutorial printed (# 실행 결과)</h3><ol>");
      lesson.pythonOutput().lines().forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
      html.append("</ol></div>\n");
    }
    html.append("<div class=\"run-output\"><h3>This run printed<span data-with-script hidden> so far</span></h3><ol class=\"printed\">");
    for (Object item : data.getJsonArray("events")) {
      printed(html, (JsonArray) item);
    }
    html.append("</ol>");
    long leftOut = data.getLong("eventsLeftOut");
    if (leftOut > 0) {
      html.append(String.format(Locale.ROOT, "<p class=\"note\">%,d more events not included</p>", leftOut));
    }
    html.append("</div>\n</div>\n</div>\n");
  }

  /**
   * A printed line, a log record or a warning, as the tutorial's output shows them all: one item per line of
   * its message; a log record (its message starts with its level) and a warning (marked {@code WARNING}) by
   * their class.
   */
  private static void printed(StringBuilder html, JsonArray event) {
    String type = event.getString(2);
    if (!type.equals("print") && !type.equals("log") && !type.equals("warn")) {
      return;
    }
    double tMs = event.getDouble(0);
    String[] lines = event.getString(3).split("\\R", -1);
    for (int k = 0; k < lines.length; k++) {
      html.append(String.format(Locale.ROOT, "<li class=\"%s\" data-t=\"%.3f\" title=\"%.3f s\">", type, tMs, tMs / 1000));
      if (type.equals("warn") && k == 0) {
        html.append("<span class=\"kind\">WARNING </span>");
      }
      html.append(escape(lines[k])).append("</li>");
    }
  }

  /** The tutorial's Python beside our Java, where there are texts to show. */
  private static void code(StringBuilder html, Lesson lesson) {
    if (lesson.python() == null && lesson.java() == null) {
      return;
    }
    html.append("<div class=\"code\">\n");
    if (lesson.python() != null) {
      html.append("<figure class=\"python\"><figcaption>The tutorial's Python</figcaption><pre><code>")
        .append(escape(lesson.python())).append("</code></pre></figure>\n");
    }
    if (lesson.java() != null) {
      html.append("<figure class=\"java\"><figcaption>Our Java: <code>").append(escape(lesson.javaPath()))
        .append("</code></figcaption><pre><code>").append(escape(lesson.java())).append("</code></pre></figure>\n");
    }
    html.append("</div>\n");
  }

  static void svg(StringBuilder html, TimelineLayout layout) {
    int height = AXIS + layout.groups().size() * (GROUP_GAP) + layout.laneCount() * LANE + 10;
    double scale = WIDTH / Math.max(layout.totalMs(), 1);
    html.append(String.format(Locale.ROOT, "<svg class=\"timeline\" tabindex=\"0\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" data-total-ms=\"%.3f\" data-left=\"%d\" data-width=\"%d\">\n",
      LEFT + WIDTH + 20, height, LEFT + WIDTH + 20, height, layout.totalMs(), LEFT, WIDTH));
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
    html.append(String.format(Locale.ROOT, "<text class=\"lane\" x=\"%d\" y=\"%d\">%s</text>", LEFT - 6, y + BAR - 3, escape(lane.task())));
    // The events outside any task are no task: their marks only, no bar that would say it runs.
    if (lane.id() >= 0) {
      html.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" data-task=\"%s\" data-id=\"%d\" data-start-ms=\"%.3f\" data-end-ms=\"%.3f\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" rx=\"2\">",
        lane.outcome(), escape(lane.task()), lane.id(), lane.startMs(), lane.endMs(), x, y, width, BAR))
      .append(String.format(Locale.ROOT, "<title>%s: %.3f s → %.3f s (%.1f ms), %s</title></rect>",
        escape(lane.task()), lane.startMs() / 1000, lane.endMs() / 1000, lane.durationMs(), lane.outcome()));
    }
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

  /** A text resource of {@code report/}, read once: what is inlined into every page. */
  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource report/" + name + " is missing from the build");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.contains("</")) {
        // Inlined into <style> or <script>, it would end the element early.
        throw new IllegalStateException("resource report/" + name + " holds '</'");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
