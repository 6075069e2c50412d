package io.asyncscenarios.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What is kept of each task once it has been numbered, as columns of fixed-size records: its name's text,
 * who created it, who awaits it and since when, and which event ended it. 28 bytes a task in direct
 * buffers, outside the heap like the events, and no object per task: a million tasks take 28 MB there,
 * none of the heap. Not thread-safe: {@link EventLog} guards it.
 */
final class TaskColumns {

  // 4,096 tasks, 112 KB: a scenario of a few tasks takes one chunk.
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK = 1 << CHUNK_BITS;
  // One record: name (text reference, long), awaited at (nanos, long), creator, awaiter, end event (ints).
  private static final int RECORD = 28;
  private static final int NAME = 0;
  private static final int AWAITED_AT = 8;
  private static final int CREATOR = 16;
  private static final int AWAITER = 20;
  private static final int END = 24;

  private ByteBuffer[] chunks = new ByteBuffer[0];
  private int count;

  /** Numbers a task named by text reference {@code name}, created by task {@code creator} (-1 for none). */
  int add(long name, int creator) {
    int task = count;
    int chunk = task >>> CHUNK_BITS;
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunk + 1);
      chunks[chunk] = ByteBuffer.allocateDirect(CHUNK * RECORD);
    }
    int at = offset(task);
    ByteBuffer records = chunks[chunk];
    records.putLong(at + NAME, name);
    records.putLong(at + AWAITED_AT, 0);
    records.putInt(at + CREATOR, creator);
    records.putInt(at + AWAITER, -1);
    records.putInt(at + END, -1);
    count = task + 1;
    return task;
  }

  int count() {
    return count;
  }

  long name(int task) {
    return chunk(task).getLong(offset(task) + NAME);
  }

  int creator(int task) {
    return chunk(task).getInt(offset(task) + CREATOR);
  }

  int awaiter(int task) {
    return chunk(task).getInt(offset(task) + AWAITER);
  }

  long awaitedAt(int task) {
    return chunk(task).getLong(offset(task) + AWAITED_AT);
  }

  /** Sets who awaits the task, the first time only; false if someone already did. */
  boolean awaited(int task, int awaiter, long at) {
    ByteBuffer records = chunk(task);
    int offset = offset(task);
    if (records.getInt(offset + AWAITER) >= 0) {
      return false;
    }
    records.putInt(offset + AWAITER, awaiter);
    records.putLong(offset + AWAITED_AT, at);
    return true;
  }

  int end(int task) {
    return chunk(task).getInt(offset(task) + END);
  }

  /** Sets the event that ended the task, the first one only: a task ends once. */
  void ended(int task, int event) {
    ByteBuffer records = chunk(task);
    int offset = offset(task);
    if (records.getInt(offset + END) < 0) {
      records.putInt(offset + END, event);
    }
  }

  private ByteBuffer chunk(int task) {
    return chunks[task >>> CHUNK_BITS];
  }

  private static int offset(int task) {
    return (task & (CHUNK - 1)) * RECORD;
  }
}
