package io.asyncscenarios.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in one line what went wrong with a file, instead of an exception's class name and stack.
 */
public final class FileErrors {

  private FileErrors() {
  }

  public static String describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FileSystemException nio) {
        String file = quote(nio.getFile());
        if (nio instanceof NoSuchFileException) {
          return file + " does not exist";
        }
        if (nio instanceof AccessDeniedException) {
          return file + ": permission denied";
        }
        if (nio instanceof NotDirectoryException) {
          return file + " is not a folder";
        }
        if (nio instanceof FileAlreadyExistsException) {
          return file + " already exists";
        }
        if (nio instanceof DirectoryNotEmptyException) {
          return file + " is a folder that is not empty";
        }
        return file + ": " + (nio.getReason() == null ? nio.getClass().getSimpleName() : nio.getReason());
      }
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : escape(message.lines().findFirst().orElse(message));
  }

  /**
   * A file name in quotes, as one printable line: a name can hold any byte but {@code /} and NUL, a newline
   * included, and one hostile name must not turn one line of error into two.
   */
  public static String quote(Object file) {
    return "'" + escape(String.valueOf(file)) + "'";
  }

  /** {@code text} with its control characters (and the line and paragraph separators) shown as Java escapes. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
