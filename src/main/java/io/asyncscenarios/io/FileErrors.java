package io.asyncscenarios.io;

import io.asyncscenarios.text.Printable;

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
    return message == null ? failure.getClass().getSimpleName() : Printable.escape(message.lines().findFirst().orElse(message));
  }

  /**
   * A file name in quotes, as one printable line: a name can hold any byte but {@code /} and NUL, a newline
   * included, and one hostile name must not turn one line of error into two.
   */
  public static String quote(Object file) {
    return "'" + Printable.escape(String.valueOf(file)) + "'";
  }
}
