package io.asyncscenarios.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only storage for many short strings as UTF-8 in large pages: a million printed lines cost
 * their bytes and a reference each, not a {@code String} and its array (about 40 bytes more apiece).
 * Not thread-safe: {@link EventLog} guards it.
 */
final class TextStore {

  private static final int PAGE = 1 << 20;

  private final List<byte[]> pages = new ArrayList<>();
  private byte[] page;
  private int used;

  /** Stores {@code text}; the reference reads it back with {@link #get}. */
  long add(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int need = bytes.length + 5;
    if (page == null || used + need > page.length) {
      page = new byte[Math.max(PAGE, need)];
      pages.add(page);
      used = 0;
    }
    long ref = ((long) (pages.size() - 1) << 32) | used;
    used = writeLength(page, used, bytes.length);
    System.arraycopy(bytes, 0, page, used, bytes.length);
    used += bytes.length;
    return ref;
  }

  String get(long ref) {
    byte[] in = pages.get((int) (ref >>> 32));
    int at = (int) ref;
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in[at++];
      length |= (b & 0x7f) << shift;
      if (b >= 0) {
        break;
      }
    }
    return new String(in, at, length, StandardCharsets.UTF_8);
  }

  /** A length in 7-bit groups, low first: one byte for the short lines most messages are. */
  private static int writeLength(byte[] out, int at, int length) {
    while (length >= 0x80) {
      out[at++] = (byte) (length & 0x7f | 0x80);
      length >>>= 7;
    }
    out[at++] = (byte) length;
    return at;
  }
}
