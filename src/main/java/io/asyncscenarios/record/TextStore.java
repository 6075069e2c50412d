package io.asyncscenarios.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only storage for many short strings as UTF-8 in large pages: a million printed lines cost
 * their bytes and a reference each, not a {@code String} and its array (about 40 bytes more apiece).
 * The pages are direct buffers, outside the heap: the garbage collector never copies what a long run
 * has recorded. Not thread-safe: {@link EventLog} guards it.
 */
final class TextStore {

  // Pages grow from 64 KiB to 1 MiB: a scenario of a few lines takes little of the memory outside the heap.
  private static final int FIRST_PAGE = 1 << 16;
  private static final int PAGE = 1 << 20;

  private final List<ByteBuffer> pages = new ArrayList<>();
  private ByteBuffer page;
  private int used;

  /** Stores {@code text}; the reference reads it back with {@link #get}. */
  long add(String text) {
    // Most lines are ASCII: their chars are their UTF-8 bytes, copied with no array to encode them into.
    long ref = reserve(text.length());
    int at = used;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return addEncoded(text, ref);
      }
      page.put(at++, (byte) c);
    }
    used = at;
    return ref;
  }

  /** Takes back the room {@code reserved} on the current page and stores {@code text} encoded. */
  private long addEncoded(String text, long reserved) {
    used = (int) reserved;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    long ref = reserve(bytes.length);
    page.put(used, bytes);
    used += bytes.length;
    return ref;
  }

  /** Makes room for {@code length} bytes and writes their length: the bytes go at {@code used}. */
  private long reserve(int length) {
    int need = length + 5;
    if (page == null || used + need > page.capacity()) {
      int size = page == null ? FIRST_PAGE : Math.min(PAGE, page.capacity() * 2);
      page = ByteBuffer.allocateDirect(Math.max(size, need));
      pages.add(page);
      used = 0;
    }
    long ref = ((long) (pages.size() - 1) << 32) | used;
    used = writeLength(page, used, length);
    return ref;
  }

  String get(long ref) {
    ByteBuffer in = pages.get((int) (ref >>> 32));
    int at = (int) ref;
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get(at++);
      length |= (b & 0x7f) << shift;
      if (b >= 0) {
        break;
      }
    }
    byte[] bytes = new byte[length];
    in.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A length in 7-bit groups, low first: one byte for the short lines most messages are. */
  private static int writeLength(ByteBuffer out, int at, int length) {
    while (length >= 0x80) {
      out.put(at++, (byte) (length & 0x7f | 0x80));
      length >>>= 7;
    }
    out.put(at++, (byte) length);
    return at;
  }
}
