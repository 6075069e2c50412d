package io.asyncscenarios.report;

import io.asyncscenarios.record.EventLog;

/**
 * Who created each task of a scenario and who awaits it, by task number, as the recorder keeps them: the
 * trace draws an await edge from a task's end to the task that awaited it.
 */
public interface TaskLinks {

  /** No task: created outside any task, or awaited by none. */
  int NONE = -1;

  /** Links that name no task: every task created outside any task and awaited by none. */
  TaskLinks UNKNOWN = new TaskLinks() {
    @Override
    public int creator(int task) {
      return NONE;
    }

    @Override
    public int awaiter(int task) {
      return NONE;
    }

    @Override
    public double awaitedAtMs(int task) {
      return Double.NaN;
    }
  };

  /** The task that created {@code task} (it called {@code tasks.start} while running), or {@link #NONE}. */
  int creator(int task);

  /** The first task that asked for {@code task}'s future while it ran ({@code await task}), or {@link #NONE}. */
  int awaiter(int task);

  /** When {@link #awaiter} asked, in ms since the scenario started; {@code NaN} when none did. */
  double awaitedAtMs(int task);

  /** The links the log recorded, as the tasks ran. */
  static TaskLinks of(EventLog log) {
    return new TaskLinks() {
      @Override
      public int creator(int task) {
        return log.creator(task);
      }

      @Override
      public int awaiter(int task) {
        return log.awaiter(task);
      }

      @Override
      public double awaitedAtMs(int task) {
        return log.awaitedAtMs(task);
      }
    };
  }
}
