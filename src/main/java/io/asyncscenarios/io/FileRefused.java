package io.asyncscenarios.io;

import java.io.IOException;

/**
 * A file or folder we will not use, such as an input that is a device or a folder leading outside the
 * work folder; its message is the one line to show, naming the file and what to do.
 */
public class FileRefused extends IOException {

  private final boolean overLimit;
  private final boolean workFolder;

  public FileRefused(String message) {
    this(message, false, false);
  }

  private FileRefused(String message, boolean overLimit, boolean workFolder) {
    super(message);
    this.overLimit = overLimit;
    this.workFolder = workFolder;
  }

  /** Refused for its size: the caller knows which setting raises the limit. */
  public static FileRefused overLimit(String message) {
    return new FileRefused(message, true, false);
  }

  /** The work folder, or a folder in it, refused: the message names {@code workDir} already. */
  static FileRefused workFolder(String message) {
    return new FileRefused(message, false, true);
  }

  public boolean aboutWorkFolder() {
    return workFolder;
  }

  public boolean overLimit() {
    return overLimit;
  }
}
