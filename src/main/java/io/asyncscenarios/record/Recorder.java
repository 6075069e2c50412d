package io.asyncscenarios.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records the events of one scenario against the monotonic clock, and hands each to a listener as it
 * happens, so that what people see and what the report holds come from one record.
 */
public final class Recorder {

  private final long startNanos = System.nanoTime();
  private final List<Event> events = new ArrayList<>();
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

  /** Records an event on the calling thread. */
  public Event record(String task, EventType type, String message) {
    return record(task, type, Thread.currentThread().getName(), message);
  }

  /** Records an event that happened on another thread, as a log record or a watchdog reports it. */
  public Event record(String task, EventType type, String thread, String message) {
    Event event = new Event(elapsedMs(), task, type, thread, message);
    // Blocking work records from worker threads; the lock keeps the list in time order.
    synchronized (events) {
      events.add(event);
      listener.accept(event);
    }
    return event;
  }

  public double elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }

  public List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
