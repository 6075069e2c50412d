package io.asyncscenarios.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Removes the temporary files that runs which died (SIGKILL, a power cut) left in a folder, and leaves
 * those of live runs alone: a temporary name carries its writer's process id ({@link TempFiles}).
 *
 * <p>A writer counts as alive when a process with its id runs and started before the file was last
 * written: a process started later has only been given a dead one's recycled id. Names of older versions
 * carry no id; they are removed once nothing has written them for {@link #UNOWNED_AGE}, which no live
 * download or file transform of ours goes without writing.
 */
public final class Leftovers {

  /** How long a temporary file without an owner's id must have been left untouched to count as dead. */
  public static final Duration UNOWNED_AGE = Duration.ofMinutes(10);
  // The pids named in the one line; the count covers the rest.
  private static final int PIDS_SHOWN = 5;
  // Bounds the memory of the liveness cache however many distinct ids a hostile folder holds.
  private static final int CACHED_PIDS = 4096;

  private Leftovers() {
  }

  /**
   * What a sweep removed: {@code pids} holds the dead writers' ids, at most {@link #CACHED_PIDS} of them
   * ({@code morePids} says there were others).
   */
  public record Swept(long removed, TreeSet<Long> pids, boolean morePids, long unowned, long failed) {

    /** One line for the console, or {@code null} when there was nothing to say. */
    public String describe() {
      if (removed == 0 && failed == 0) {
        return null;
      }
      StringBuilder line = new StringBuilder("removed ").append(removed).append(removed == 1 ? " temporary file" : " temporary files")
        .append(" left by runs that died");
      if (!pids.isEmpty()) {
        int hidden = pids.size() - PIDS_SHOWN;
        line.append(" (").append(pids.size() == 1 ? "pid " : "pids ")
          .append(pids.stream().limit(PIDS_SHOWN).map(String::valueOf).collect(Collectors.joining(", ")))
          .append(morePids ? " and more than " + Math.max(0, hidden) + " others" : hidden > 0 ? " and " + hidden + " others" : "")
          .append(')');
      }
      if (unowned > 0) {
        line.append(pids.isEmpty() ? " (" : ", ").append(unowned).append(" of them from an older version, untouched for over ")
          .append(UNOWNED_AGE.toMinutes()).append(" minutes").append(pids.isEmpty() ? ")" : "");
      }
      if (failed > 0) {
        line.append("; ").append(failed).append(" could not be removed");
      }
      return line.toString();
    }
  }

  /**
   * Removes from {@code folder} the temporary files of dead runs whose target name {@code ours} accepts
   * (what we write there, so a file of someone else's that happens to look like ours stays). Blocking, and
   * bounded in memory whatever the folder's size: the folder is streamed, never listed whole.
   */
  public static Swept sweep(Path folder, Predicate<String> ours) throws IOException {
    Map<Long, Optional<Instant>> started = new HashMap<>();
    TreeSet<Long> pids = new TreeSet<>();
    boolean morePids = false;
    long removed = 0;
    long unowned = 0;
    long failed = 0;
    Instant now = Instant.now();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, p -> isCandidate(p, ours))) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        // Our own pid too: in a container every run may be pid 1, and a file written before this process
        // started is a dead run's, whatever its pid says.
        long owner = TempFiles.owner(name);
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (attributes.isDirectory()) {
          continue;
        }
        Instant written = attributes.lastModifiedTime().toInstant();
        boolean dead = owner == TempFiles.NO_OWNER
          ? written.plus(UNOWNED_AGE).isBefore(now)
          : !alive(owner, written, started);
        if (!dead) {
          continue;
        }
        try {
          // Removes a link itself, never what it points to.
          Files.deleteIfExists(entry);
          removed++;
          if (owner == TempFiles.NO_OWNER) {
            unowned++;
          } else if (pids.size() < CACHED_PIDS || pids.contains(owner)) {
            pids.add(owner);
          } else {
            morePids = true;
          }
        } catch (IOException e) {
          failed++;
        }
      }
    }
    return new Swept(removed, pids, morePids, unowned, failed);
  }

  private static boolean isCandidate(Path entry, Predicate<String> ours) {
    String target = TempFiles.target(entry.getFileName().toString());
    return target != null && ours.test(target);
  }

  /** Whether the process {@code pid} runs and could have written a file last written at {@code written}. */
  private static boolean alive(long pid, Instant written, Map<Long, Optional<Instant>> started) {
    Optional<Instant> start = started.get(pid);
    if (start == null) {
      start = ProcessHandle.of(pid).map(p -> p.info().startInstant().orElse(Instant.MIN));
      if (started.size() < CACHED_PIDS) {
        started.put(pid, start);
      }
    }
    // A second of slack: a process's start time is known to the clock tick, a file's to the nanosecond.
    return start.isPresent() && !start.get().isAfter(written.plusSeconds(1));
  }
}
