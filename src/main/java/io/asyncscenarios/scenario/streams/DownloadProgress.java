package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.io.BodySink;

import java.util.HashSet;
import java.util.Set;

/**
 * What the progress line of download-and-save says: downloads done, bytes arrived and, once every server
 * has announced its size, bytes expected. It keeps only the bodies being received (at most
 * {@code http.concurrency}) and running totals of the others, so its size and the cost of a line do not
 * grow with the number of URLs.
 */
final class DownloadProgress {

  private final int total;
  private final Set<BodySink> receiving = new HashSet<>();
  private int done;
  private long bytesOfEnded;
  private long announcedOfEnded;
  private int announcedCount;

  DownloadProgress(int total) {
    this.total = total;
  }

  synchronized void receiving(BodySink body) {
    receiving.add(body);
  }

  /** A download ended, well or not; {@code body} is null when none was ever received. */
  synchronized void ended(BodySink body) {
    done++;
    if (body != null && receiving.remove(body)) {
      bytesOfEnded += body.bytes();
      if (body.expectedBytes() >= 0) {
        announcedOfEnded += body.expectedBytes();
        announcedCount++;
      }
    }
  }

  synchronized String line() {
    long received = bytesOfEnded;
    long expected = announcedOfEnded;
    int announced = announcedCount;
    for (BodySink body : receiving) {
      received += body.bytes();
      if (body.expectedBytes() >= 0) {
        expected += body.expectedBytes();
        announced++;
      }
    }
    return String.format("downloads: %d of %d done, %,d bytes so far%s", done, total, received,
      announced == total ? String.format(" of %,d", expected) : "");
  }
}
