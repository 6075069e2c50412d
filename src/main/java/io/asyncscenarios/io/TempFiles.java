package io.asyncscenarios.io;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of temporary files, which say whose they are: {@code .<target>.<pid>.<random>.tmp}, hidden,
 * beside the file they will replace, carrying the id of the process writing them. A run can then tell its
 * own leftovers from those of another run sharing the folder, and remove those of runs that died.
 *
 * <p>Names of older versions, {@code .<target>.<random>.tmp}, have no owner. They are told apart by the
 * segment before the random one: a process id is all digits, while the targets we write end in a word
 * ({@code .html}, {@code .txt}, {@code .upper}).
 */
public final class TempFiles {

  public static final String SUFFIX = ".tmp";
  /** An owner unknown: a name of an older version. */
  public static final long NO_OWNER = -1;
  /** The process writing this run's temporary files. */
  public static final long OWN_PID = ProcessHandle.current().pid();

  private TempFiles() {
  }

  /** A new temporary name beside {@code target}, owned by this process: a move across file systems could not be atomic. */
  public static Path beside(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + OWN_PID + "."
      + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
  }

  /** Whether {@code name} is a temporary name, of this version or an older one. */
  public static boolean isTemporary(String name) {
    return target(name) != null;
  }

  /** Whether {@code name} is a temporary name this process made. */
  public static boolean isOwn(String name) {
    return owner(name) == OWN_PID;
  }

  /** The id of the process that made the temporary {@code name}, or {@link #NO_OWNER} (an older name, or not a temporary one). */
  public static long owner(String name) {
    String core = core(name);
    if (core == null) {
      return NO_OWNER;
    }
    int random = core.lastIndexOf('.');
    int pid = core.lastIndexOf('.', random - 1);
    return pid > 0 && isDigits(core, pid + 1, random) ? Long.parseLong(core.substring(pid + 1, random)) : NO_OWNER;
  }

  /** The name of the file the temporary {@code name} stands for, or {@code null} when it is not a temporary name. */
  public static String target(String name) {
    String core = core(name);
    if (core == null) {
      return null;
    }
    int random = core.lastIndexOf('.');
    int pid = core.lastIndexOf('.', random - 1);
    return pid > 0 && isDigits(core, pid + 1, random) ? core.substring(0, pid) : core.substring(0, random);
  }

  /** {@code <target>[.<pid>].<random>} out of a temporary name, or {@code null}. */
  private static String core(String name) {
    if (name.length() <= 1 + SUFFIX.length() || !name.startsWith(".") || !name.endsWith(SUFFIX)) {
      return null;
    }
    String core = name.substring(1, name.length() - SUFFIX.length());
    int random = core.lastIndexOf('.');
    if (random <= 0 || random == core.length() - 1) {
      return null;
    }
    for (int i = random + 1; i < core.length(); i++) {
      char c = core.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
        return null;
      }
    }
    return core;
  }

  /** 1 to 18 digits: a process id, never one too long for a long. */
  private static boolean isDigits(String text, int from, int to) {
    if (to - from < 1 || to - from > 18) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
