package io.asyncscenarios.record;

import java.util.List;
import java.util.function.Consumer;

/**
 * Records the events of one scenario against the monotonic clock, and hands each line printed and each
 * warning to a listener as it happens, so that what people see and what the report holds come from one
 * record.
 */
public final class Recorder {

  private final long startNanos = System.nanoTime();
  private final EventLog log = new EventLog(startNanos);
  private final Consumer<Event> listener;
  private final Consumer<String> progress;

  public Recorder(Consumer<Event> listener) {
    this(listener, line -> { });
  }

  /** @param progress where transient progress lines go; they are not events and are not recorded */
  public Recorder(Consumer<Event> listener, Consumer<String> progress) {
    this.listener = listener;
    this.progress = progress;
  }

  /** Shows how long work is getting on, without recording it. */
  public void progress(String line) {
    progress.accept(line);
  }

  /** Numbers a new task made outside any task: its events are recorded under this number. */
  public int addTask(String name) {
    return log.addTask(name, -1);
  }

  /** Numbers a new task that task number {@code creator} made (-1: outside any task). */
  public int addTask(String name, int creator) {
    return log.addTask(name, creator);
  }

  /** Notes, now, that task number {@code awaiter} awaits task number {@code task}, unless another task did first. */
  public void awaited(int task, int awaiter) {
    synchronized (log) {
      log.awaited(task, awaiter, System.nanoTime());
    }
  }

  /** Records an event of task number {@code task} (-1 outside any task) on the calling thread. */
  public void record(int task, EventType type, String message) {
    record(task, type, Thread.currentThread().getName(), message);
  }

  /** Records an event that happened on another thread, as a log record or a watchdog reports it. */
  public void record(int task, EventType type, String thread, String message) {
    record(task, null, type, thread, message);
  }

  /** Records an event of task number {@code task}, whose name the caller has at hand (else {@code null}). */
  public void record(int task, String taskName, EventType type, String thread, String message) {
    // Blocking work records from worker threads; the lock keeps the log and what listeners see in time order.
    synchronized (log) {
      append(System.nanoTime(), task, taskName, type, thread, message);
    }
  }

  /**
   * Records an event and returns the monotonic clock's reading it was recorded at, for a measurement of
   * the caller's own: a sleep's start and its deadline come from one reading.
   */
  public long recordNow(int task, EventType type, String message) {
    synchronized (log) {
      long now = System.nanoTime();
      append(now, task, null, type, Thread.currentThread().getName(), message);
      return now;
    }
  }

  private void append(long now, int task, String taskName, EventType type, String thread, String message) {
    log.append(now, task, type, thread, message);
    if (type == EventType.PRINT || type == EventType.WARN) {
      String name = taskName != null ? taskName : log.taskName(task);
      listener.accept(new Event((now - startNanos) / 1_000_000.0, name, type, thread, message));
    }
  }

  public double elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }

  public EventLog log() {
    return log;
  }

  /** The events so far, built one by one as the list is read. */
  public List<Event> events() {
    return log.asList();
  }
}
