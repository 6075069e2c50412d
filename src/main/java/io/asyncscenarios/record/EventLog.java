package io.asyncscenarios.record;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events of one scenario as fixed-size records: per event a time, a task number, a thread and type,
 * and a reference to its text, 24 bytes and the text's own UTF-8. A million tasks record five million
 * events; as objects they would cost four times as much. The records live in direct buffers, outside the
 * heap, so the garbage collector never copies them however long they live. Read an event back with
 * {@link #get}, or a field with the accessors, without building one.
 *
 * <p>Appends come from any thread and are serialised by the {@link Recorder}. Readers take
 * {@link #size()} first: everything below it is complete and never changes.
 *
 * <p>Each task is numbered when it is made, and keeps, besides its name, who created it
 * ({@link #creator}), who awaits it and since when ({@link #awaiter}, {@link #awaitedAtMs}) and the event
 * that ended it ({@link #endEvent}, {@link #end}): columns outside the heap too, no object per task.
 */
public final class EventLog {

  // 4,096 records, 96 KB: small scenarios take little, a million tasks about 1,200 of them.
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK = 1 << CHUNK_BITS;
  // One record: nanos (long), task (int), thread and type (int), text reference (long).
  private static final int RECORD = 24;
  private static final int TASK = 8;
  private static final int KIND = 12;
  private static final int TEXT = 16;
  private static final int TYPE_BITS = 4;
  private static final EventType[] TYPES = EventType.values();

  static {
    if (TYPES.length > 1 << TYPE_BITS) {
      throw new ExceptionInInitializerError("more event types than TYPE_BITS can hold: widen it");
    }
  }
  private static final long NO_TEXT = -1;

  private final long startNanos;
  private final TextStore texts = new TextStore();
  private final List<String> threads = new ArrayList<>();
  private final Map<String, Integer> threadIds = new HashMap<>();
  private String lastThread;
  private int lastThreadId;
  private ByteBuffer[] chunks = new ByteBuffer[0];
  private final TaskColumns tasks = new TaskColumns();
  // The last message of each event type and its text: a million sleeps of one duration store it once.
  private final String[] lastMessages = new String[TYPES.length];
  private final long[] lastTexts = new long[TYPES.length];
  // Only for events appended by task name (tests, and timelines built from a list of events).
  private Map<String, Integer> taskIds;
  private volatile int size;

  public EventLog(long startNanos) {
    this.startNanos = startNanos;
  }

  /** The monotonic clock's reading ({@link System#nanoTime}) that event times count from: the scenario's start. */
  public long startNanos() {
    return startNanos;
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

  /** Numbers a new task made outside any task; its events name it by this number. */
  synchronized int addTask(String name) {
    return addTask(name, -1);
  }

  /** Numbers a new task that task number {@code creator} made (-1: outside any task). */
  synchronized int addTask(String name, int creator) {
    return tasks.add(texts.add(name), creator);
  }

  /**
   * Notes that task number {@code awaiter} asked for the outcome of task number {@code task} at
   * {@code nanos} (monotonic clock), unless another task did so first.
   */
  synchronized void awaited(int task, int awaiter, long nanos) {
    tasks.awaited(task, awaiter, nanos - startNanos);
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
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunk + 1);
      chunks[chunk] = ByteBuffer.allocateDirect(CHUNK * RECORD);
    }
    ByteBuffer records = chunks[chunk];
    int at = (index & (CHUNK - 1)) * RECORD;
    records.putLong(at, nanos - startNanos);
    records.putInt(at + TASK, task);
    records.putInt(at + KIND, threadId(thread) << TYPE_BITS | type.ordinal());
    records.putLong(at + TEXT, text(type, message));
    if (task >= 0 && TaskEnd.of(type) != TaskEnd.RUNNING) {
      tasks.ended(task, index);
    }
    size = index + 1;
    return index;
  }

  private long text(EventType type, String message) {
    if (message == null || message.isEmpty()) {
      return NO_TEXT;
    }
    int kind = type.ordinal();
    if (!message.equals(lastMessages[kind])) {
      lastMessages[kind] = message;
      lastTexts[kind] = texts.add(message);
    }
    return lastTexts[kind];
  }

  private ByteBuffer chunk(int index) {
    return chunks[index >>> CHUNK_BITS];
  }

  private static int offset(int index) {
    return (index & (CHUNK - 1)) * RECORD;
  }

  private int threadId(String thread) {
    // Most events come from the thread of the one before: its name is the same String, no lookup needed.
    if (thread != lastThread || threads.isEmpty()) {
      lastThread = thread;
      lastThreadId = threadIds.computeIfAbsent(thread == null ? "" : thread, name -> {
        threads.add(name);
        return threads.size() - 1;
      });
    }
    return lastThreadId;
  }

  public int size() {
    return size;
  }

  public synchronized int taskCount() {
    return tasks.count();
  }

  public synchronized String taskName(int task) {
    return task < 0 ? null : texts.get(tasks.name(task));
  }

  /** The number of the task that created task number {@code task}, or -1: made outside any task (the runner's). */
  public synchronized int creator(int task) {
    return tasks.creator(task);
  }

  /**
   * The number of the first task that asked for task number {@code task}'s outcome (its future, as
   * {@code await task} and {@code gather(task)} do), or -1 if no task did.
   */
  public synchronized int awaiter(int task) {
    return tasks.awaiter(task);
  }

  /** When, in milliseconds since the scenario started, {@link #awaiter} asked for it; NaN if nobody did. */
  public synchronized double awaitedAtMs(int task) {
    return tasks.awaiter(task) < 0 ? Double.NaN : tasks.awaitedAt(task) / 1_000_000.0;
  }

  /**
   * For every task, by number, the task it hangs under in a tree of who awaits whom: its {@link #awaiter},
   * else its {@link #creator}, else -1. Read in one go, under one lock: a million tasks take milliseconds.
   */
  public synchronized int[] parents() {
    int[] parents = new int[tasks.count()];
    for (int task = 0; task < parents.length; task++) {
      int awaiter = tasks.awaiter(task);
      parents[task] = awaiter >= 0 ? awaiter : tasks.creator(task);
    }
    return parents;
  }

  /** The index of the event that ended task number {@code task} ({@code finish}, {@code error}, {@code cancel}), or -1. */
  public synchronized int endEvent(int task) {
    return tasks.end(task);
  }

  /** How task number {@code task} ended by its first {@code count} events: {@link TaskEnd#RUNNING} if it had not. */
  public TaskEnd end(int task, int count) {
    int end = endEvent(task);
    return end < 0 || end >= count ? TaskEnd.RUNNING : TaskEnd.of(type(end));
  }

  /** Milliseconds since the scenario started. */
  public double tMs(int index) {
    return chunk(index).getLong(offset(index)) / 1_000_000.0;
  }

  public EventType type(int index) {
    return TYPES[chunk(index).getInt(offset(index) + KIND) & ((1 << TYPE_BITS) - 1)];
  }

  /** The number of the event's task, or -1 outside any task. */
  public int task(int index) {
    return chunk(index).getInt(offset(index) + TASK);
  }

  public synchronized String thread(int index) {
    return threads.get(chunk(index).getInt(offset(index) + KIND) >>> TYPE_BITS);
  }

  public synchronized String message(int index) {
    long ref = chunk(index).getLong(offset(index) + TEXT);
    return ref == NO_TEXT ? "" : texts.get(ref);
  }

  public Event get(int index) {
    return new Event(tMs(index), taskName(task(index)), type(index), thread(index), message(index));
  }

  /** The events so far as a list that builds each one when asked. */
  public List<Event> asList() {
    return asList(size);
  }

  /** The first {@code count} events as a list that builds each one when asked. */
  public List<Event> asList(int count) {
    Objects.checkIndex(count, size + 1);
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
