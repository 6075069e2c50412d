package io.asyncscenarios.text;

/**
 * Text from outside (the command line, the configuration, a server's status line or headers) made safe
 * to print: control characters escaped, so a value can neither break a message into several lines nor
 * send escape sequences to the user's terminal, and long values cut short.
 */
public final class Printable {

  /** How much of one value an error message shows. */
  public static final int MAX_SHOWN = 80;

  private Printable() {
  }

  /**
   * C0 controls (NUL to US), DEL and the C1 controls, which terminals also act on; the Unicode line and
   * paragraph separators, which some break lines at; and the bidirectional controls, which reorder what
   * is shown ("a\u202egnp.json" displays as "ajson.png").
   */
  public static boolean isControl(int c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isBidiControl(c);
  }

  private static boolean isBidiControl(int c) {
    return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /** Where the first control character of {@code text} is, or -1. */
  public static int firstControl(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the first character that cannot be shown as it is lies, or -1: a control character, or half
   * of a surrogate pair (JSON's {@code "\ud800"}), which no encoder can write and which becomes a
   * {@code ?} in a file name or a URL.
   */
  public static int firstUnprintable(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!printableAt(text, i)) {
        return i;
      }
      if (Character.isHighSurrogate(text.charAt(i))) {
        i++;
      }
    }
    return -1;
  }

  /** What the character at {@code index} is, for a message saying why it was refused. */
  public static String describeAt(CharSequence text, int index) {
    char c = text.charAt(index);
    return (Character.isSurrogate(c) ? "the unpaired surrogate " : "the control character ") + escapeOf(c);
  }

  private static boolean printableAt(CharSequence text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
    return !isControl(c);
  }

  /** {@code text} on one line: each control character written as an escape ({@code \n}, {@code \u0000}). */
  public static String escape(String text) {
    return escape(text, false);
  }

  /** {@link #escape}, but line breaks stay: for a message meant to span lines. */
  public static String escapeKeepingLines(String text) {
    return escape(text, true);
  }

  /** A value in an error message: quoted, escaped and, past {@link #MAX_SHOWN} characters, cut short. */
  public static String quoted(String value) {
    return "\"" + cut(value, MAX_SHOWN) + "\"";
  }

  /** {@code text} escaped and, past {@code max} characters of it, cut short with an ellipsis. */
  public static String cut(String text, int max) {
    return text.length() > max ? escape(text.substring(0, max)) + "…" : escape(text);
  }

  /** The one character, as {@link #escape} writes it. */
  public static String escapeOf(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> String.format("\\u%04x", (int) c);
    };
  }

  private static String escape(String text, boolean keepLines) {
    if (firstUnprintable(text) < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (printableAt(text, i) || (keepLines && c == '\n')) {
        out.append(c);
      } else {
        out.append(escapeOf(c));
      }
    }
    return out.toString();
  }
}
