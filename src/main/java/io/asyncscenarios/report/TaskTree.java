package io.asyncscenarios.report;

import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.text.Printable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The tasks of a scenario as a tree of who awaits whom, as {@code python -m asyncio pstree} prints it:
 * each task under the task that awaits it, or, where nobody does, under the one that created it (marked
 * so), with how it ended. Only the first lines are drawn, the rest counted: a million tasks make one line
 * each.
 */
final class TaskTree {

  /** How long a failure's reason may be on its task's line. */
  private static final int REASON = 60;
  /** How many of a run of siblings that ended the same way are drawn before the rest are counted. */
  static final int SHOWN = 3;

  private final EventLog log;
  private final int eventCount;
  private final int maxLines;
  private final List<String> lines = new ArrayList<>();
  // The children of each task in number order, linked through the tasks: first[n] holds the roots.
  private final int[] first;
  private final int[] next;
  private final BitSet drawn;

  private TaskTree(EventLog log, int eventCount, int maxLines) {
    this.log = log;
    this.eventCount = eventCount;
    this.maxLines = maxLines;
    int[] parents = log.parents();
    int count = parents.length;
    first = new int[count + 1];
    next = new int[count];
    Arrays.fill(first, -1);
    drawn = new BitSet(count);
    // From the last task down, each put first among its parent's children: they end up in number order.
    for (int task = count - 1; task >= 0; task--) {
      int parent = parents[task];
      int under = parent < 0 || parent >= count || parent == task ? count : parent;
      next[task] = first[under];
      first[under] = task;
    }
  }

  /**
   * The tree of the tasks {@code log} numbered, ended as its first {@code eventCount} events say, in at
   * most {@code maxLines} lines and, if that left tasks out, a last one counting them. Empty without tasks.
   */
  static List<String> lines(EventLog log, int eventCount, int maxLines) {
    TaskTree tree = new TaskTree(log, eventCount, maxLines);
    int count = tree.next.length;
    tree.drawChildren(count, "", true);
    // Tasks that await each other in a ring hang under no root: each unreached one starts a tree of its own.
    for (int task = tree.drawn.nextClearBit(0); task < count && tree.lines.size() < maxLines;
         task = tree.drawn.nextClearBit(task + 1)) {
      tree.draw(task, "", true, true);
    }
    int left = count - tree.drawn.cardinality();
    if (left > 0) {
      tree.lines.add(String.format("... and %,d more task%s", left, left == 1 ? "" : "s"));
    }
    return tree.lines;
  }

  /**
   * Draws the children of {@code parent} ({@code count}: the roots), each with its own below it. Of a run
   * of siblings that ended the same way and have none of their own, only the first {@link #SHOWN} are
   * drawn and the rest make one line: forty identical "finished" lines would say no more than one, and
   * would use up the tree's lines before its other branches.
   */
  private void drawChildren(int parent, String indent, boolean root) {
    int child = first[parent];
    while (child >= 0 && lines.size() < maxLines) {
      if (first[child] >= 0 || drawn.get(child)) {
        draw(child, indent, next[child] < 0, root);
        child = next[child];
        continue;
      }
      String outcome = outcome(child, root);
      int run = 0;
      int after = child;
      while (after >= 0 && first[after] < 0 && !drawn.get(after) && outcome.equals(outcome(after, root))) {
        run++;
        after = next[after];
      }
      // One line for one more task would save nothing.
      int shown = run <= SHOWN + 1 ? run : SHOWN;
      for (int i = 0; i < shown && lines.size() < maxLines; i++) {
        draw(child, indent, next[child] < 0, root);
        child = next[child];
      }
      if (shown < run && lines.size() < maxLines) {
        for (int task = child; task != after; task = next[task]) {
          drawn.set(task);
        }
        lines.add(String.format("%s%s… and %,d more, all %s", indent, after < 0 ? "└── " : "├── ", run - shown, outcome));
      }
      child = after;
    }
  }

  private void draw(int task, String indent, boolean last, boolean root) {
    if (drawn.get(task)) {
      return;
    }
    drawn.set(task);
    lines.add(indent + (last ? "└── " : "├── ") + label(task, root));
    // As deep as the tree is drawn: never more than maxLines levels.
    drawChildren(task, indent + (last ? "    " : "│   "), false);
  }

  private String label(int task, boolean root) {
    return Printable.escape(log.taskName(task)) + "  " + outcome(task, root);
  }

  /** How the task ended and, under a task that did not await it, that it was only created there. */
  private String outcome(int task, boolean root) {
    String created = !root && log.awaiter(task) < 0 ? "  (created here, not awaited)" : "";
    return ending(task) + created;
  }

  private String ending(int task) {
    TaskEnd end = log.end(task, eventCount);
    return switch (end) {
      case FINISHED, RUNNING -> end.label();
      case FAILED -> "failed: " + Printable.cut(log.message(log.endEvent(task)), REASON);
      case CANCELLED -> TaskEnd.CANCELLED_BY + Printable.escape(TaskEnd.cancelledBy(log.message(log.endEvent(task))));
    };
  }
}
