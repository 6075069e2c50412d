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
  private static final int TYPE_BITS = 3;
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
  private long[] taskNames = new long[16];
  private int taskCount;
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
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunk + 1);
      chunks[chunk] = ByteBuffer.allocateDirect(CHUNK * RECORD);
    }
    ByteBuffer records = chunks[chunk];
    int at = (index & (CHUNK - 1)) * RECORD;
    records.putLong(at, nanos - startNanos);
    records.putInt(at + TASK, task);
    records.putInt(at + KIND, threadId(thread) << TYPE_BITS | type.ordinal());
    records.putLong(at + TEXT, message == null || message.isEmpty() ? NO_TEXT : texts.add(message));
    size = index + 1;
    return index;
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
