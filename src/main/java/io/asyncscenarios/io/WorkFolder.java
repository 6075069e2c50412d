package io.asyncscenarios.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The folder the file scenarios write in ({@code workDir}), and folders inside it, resolved once to their
 * real paths by the file system rather than judged by their text: a folder that is a symbolic link leading
 * outside the work folder is refused, so nothing is written elsewhere through it.
 *
 * <p>The work folder itself may be a link: its real path is what "inside" means. Every method blocks.
 */
public final class WorkFolder {

  private WorkFolder() {
  }

  /** Makes the work folder when missing and returns its real path. */
  public static Path real(Path work) throws IOException {
    try {
      Files.createDirectories(work);
    } catch (FileAlreadyExistsException notAFolder) {
      // createDirectories' word for "there is a file where a folder should be": say that.
      throw FileRefused.workFolder(FileErrors.quote(notAFolder.getFile()) + " exists and is not a folder: remove it or choose another workDir");
    }
    return work.toRealPath();
  }

  /**
   * The real path of {@code <work>/<name>}, made when missing; refused with a {@link FileRefused} when it is
   * a link leading outside the real work folder, a dangling link or not a folder. A link that stays inside
   * the work folder is accepted.
   */
  public static Path child(Path work, String name) throws IOException {
    Path realWork = real(work);
    Path folder = work.resolve(name);
    BasicFileAttributes attributes = attributes(folder);
    if (attributes == null) {
      try {
        Files.createDirectory(folder);
      } catch (FileAlreadyExistsException raced) {
        // Made meanwhile, by another run or an attacker: judged below like any existing one.
      }
      attributes = attributes(folder);
    }
    if (attributes != null && attributes.isSymbolicLink()) {
      Path real;
      try {
        real = folder.toRealPath();
      } catch (IOException dangling) {
        throw FileRefused.workFolder(FileErrors.quote(folder) + " is a symbolic link to " + FileErrors.quote(Files.readSymbolicLink(folder))
          + ", which does not exist: remove the link or choose another workDir");
      }
      if (!real.startsWith(realWork)) {
        throw FileRefused.workFolder(FileErrors.quote(folder) + " is a symbolic link to " + FileErrors.quote(real) + ", outside the work folder "
          + FileErrors.quote(realWork) + ": remove the link or choose another workDir");
      }
      if (!Files.isDirectory(real)) {
        throw FileRefused.workFolder(FileErrors.quote(folder) + " is a symbolic link to " + FileErrors.quote(real) + ", which is not a folder: "
          + "remove the link or choose another workDir");
      }
      return real;
    }
    if (attributes == null || !attributes.isDirectory()) {
      throw FileRefused.workFolder(FileErrors.quote(folder) + " exists and is not a folder: remove it or choose another workDir");
    }
    return realWork.resolve(name);
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      return null;
    }
  }
}
