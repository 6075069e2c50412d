package io.asyncscenarios.io;

import io.asyncscenarios.text.Printable;

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
    return Printable.cut(text, SHOWN_CHARS);
  }

}
