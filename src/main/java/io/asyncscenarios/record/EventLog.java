package io.asyncscenarios.record;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events of one scenario in columns: per event a time, a task number, a thread and type, and a
 * reference to its text, about 24 bytes and the text's own UTF-8. A million tasks record four million
 * events; as objects they would cost four times as much. Read an event back with {@link #get}, or a
 * column with the accessors, without building one.
 *
 * <p>Appends come from any thread and are serialised by the {@link Recorder}. Readers take
 * {@link #size()} first: everything below it is complete and never changes.
 */
public final class EventLog {

  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int TYPE_BITS = 3;
  private static final EventType[] TYPES = EventType.values();
  private static final long NO_TEXT = -1;

  private final long startNanos;
  private final TextStore texts = new TextStore();
  private final List<String> threads = new ArrayList<>();
  private final Map<String, Integer> threadIds = new HashMap<>();
  private long[][] nanos = new long[0][];
  private int[][] tasks = new int[0][];
  private int[][] kinds = new int[0][];
  private long[][] messages = new long[0][];
  private long[] taskNames = new long[16];
  private int taskCount;
  // Only for events appended by task name (tests, and timelines built from a list of events).
  private Map<String, Integer> taskIds;
  private volatile int size;

  public EventLog(long startNanos) {
    this.startNanos = startNanos;
  }

  /** Builds a log from events, as a test or a stored report has them. */
  public static EventLog of(List<Event> events) {
    EventLog log = new EventLog(0);
    for (Event event : events) {
      long at = Math.round(event.tMs() * 1_000_000);
      log.append(at, log.taskNamed(event.task()), event.type(), event.thread(), event.message());
    }
    return log;
  }

  /** Numbers a new task; its events name it by this number. */
  synchronized int addTask(String name) {
    if (taskCount == taskNames.length) {
      taskNames = Arrays.copyOf(taskNames, taskCount * 2);
    }
    taskNames[taskCount] = texts.add(name);
    return taskCount++;
  }

  private int taskNamed(String name) {
    if (name == null) {
      return -1;
    }
    if (taskIds == null) {
      taskIds = new HashMap<>();
    }
    return taskIds.computeIfAbsent(name, this::addTask);
  }

  /** Appends an event at {@code nanos} (monotonic clock); {@code task} is -1 outside any task. */
  synchronized int append(long nanos, int task, EventType type, String thread, String message) {
    int index = size;
    int chunk = index >>> CHUNK_BITS;
    if (chunk == this.nanos.length) {
      grow();
    }
    int at = index & (CHUNK - 1);
    this.nanos[chunk][at] = nanos - startNanos;
    tasks[chunk][at] = task;
    kinds[chunk][at] = threadId(thread) << TYPE_BITS | type.ordinal();
    messages[chunk][at] = message == null || message.isEmpty() ? NO_TEXT : texts.add(message);
    size = index + 1;
    return index;
  }

  private void grow() {
    int chunks = nanos.length + 1;
    nanos = Arrays.copyOf(nanos, chunks);
    tasks = Arrays.copyOf(tasks, chunks);
    kinds = Arrays.copyOf(kinds, chunks);
    messages = Arrays.copyOf(messages, chunks);
    nanos[chunks - 1] = new long[CHUNK];
    tasks[chunks - 1] = new int[CHUNK];
    kinds[chunks - 1] = new int[CHUNK];
    messages[chunks - 1] = new long[CHUNK];
  }

  private int threadId(String thread) {
    return threadIds.computeIfAbsent(thread == null ? "" : thread, name -> {
      threads.add(name);
      return threads.size() - 1;
    });
  }

  public int size() {
    return size;
  }

  public int taskCount() {
    synchronized (this) {
      return taskCount;
    }
  }

  public synchronized String taskName(int task) {
    return task < 0 ? null : texts.get(taskNames[task]);
  }

  /** Milliseconds since the scenario started. */
  public double tMs(int index) {
    return nanos[index >>> CHUNK_BITS][index & (CHUNK - 1)] / 1_000_000.0;
  }

  public EventType type(int index) {
    return TYPES[kinds[index >>> CHUNK_BITS][index & (CHUNK - 1)] & ((1 << TYPE_BITS) - 1)];
  }

  /** The number of the event's task, or -1 outside any task. */
  public int task(int index) {
    return tasks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
  }

  public synchronized String thread(int index) {
    return threads.get(kinds[index >>> CHUNK_BITS][index & (CHUNK - 1)] >>> TYPE_BITS);
  }

  public synchronized String message(int index) {
    long ref = messages[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    return ref == NO_TEXT ? "" : texts.get(ref);
  }

  public Event get(int index) {
    return new Event(tMs(index), taskName(task(index)), type(index), thread(index), message(index));
  }

  /** The first {@code size} events as a list that builds each one when asked. */
  public List<Event> asList() {
    int count = size;
    return new AbstractList<>() {
      @Override
      public Event get(int index) {
        return EventLog.this.get(Objects.checkIndex(index, count));
      }

      @Override
      public int size() {
        return count;
      }
    };
  }
}
