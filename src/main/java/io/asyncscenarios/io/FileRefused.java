package io.asyncscenarios.io;

import java.io.IOException;

/**
 * A file or folder we will not use, such as an input that is a device or a folder leading outside the
 * work folder; its message is the one line to show, naming the file and what to do.
 */
public class FileRefused extends IOException {

  private final boolean overLimit;

  public FileRefused(String message) {
    this(message, false);
  }

  private FileRefused(String message, boolean overLimit) {
    super(message);
    this.overLimit = overLimit;
  }

  /** Refused for its size: the caller knows which setting raises the limit. */
  public static FileRefused overLimit(String message) {
    return new FileRefused(message, true);
  }

  public boolean overLimit() {
    return overLimit;
  }
}
