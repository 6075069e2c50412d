package io.asyncscenarios.io;

/**
 * One URL could not be fetched; the message is the reason, on one line, for the report.
 */
public class FetchException extends RuntimeException {

  /** Longer server text is cut in a reason: it is one line, not the server's whole header. */
  private static final int SHOWN_CHARS = 200;

  public FetchException(String reason) {
    super(reason, null, false, false);
  }

  /**
   * Text from a server (a Location, a status line) made fit for a one-line reason: control characters
   * escaped as {@code \\uXXXX}, so that a newline cannot start a second line, and the length capped.
   */
  static String shown(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < SHOWN_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < text.length() ? out.append('…').toString() : out.toString();
  }
}
