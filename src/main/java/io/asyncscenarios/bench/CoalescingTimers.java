package io.asyncscenarios.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Timers for very many waits: every wait due in the same millisecond shares one Vert.x timer. A million
 * tasks started within a few hundred milliseconds then cost a few hundred timers, not a million
 * scheduled tasks in the event loop's timer heap. Used from one event loop.
 */
public final class CoalescingTimers {

  private final Vertx vertx;
  private final Map<Long, List<Promise<Void>>> due = new HashMap<>();
  // The batch being filled: waits created within one millisecond share it, so most calls skip the map.
  private long batchDeadline = Long.MIN_VALUE;
  private List<Promise<Void>> batch;

  public CoalescingTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Completes {@code delayMs} milliseconds from now, give or take the millisecond it shares. */
  public Future<Void> after(long delayMs) {
    long deadline = System.nanoTime() / 1_000_000 + delayMs;
    if (deadline != batchDeadline) {
      batchDeadline = deadline;
      batch = waitingFor(deadline, delayMs);
    }
    Promise<Void> promise = Promise.promise();
    batch.add(promise);
    return promise.future();
  }

  private List<Promise<Void>> waitingFor(long deadline, long delayMs) {
    List<Promise<Void>> waiting = due.get(deadline);
    if (waiting == null) {
      waiting = new ArrayList<>();
      due.put(deadline, waiting);
      vertx.setTimer(Math.max(1, delayMs), id -> fire(deadline));
    }
    return waiting;
  }

  private void fire(long deadline) {
    List<Promise<Void>> waiting = due.remove(deadline);
    if (waiting == batch) {
      // Its timer has fired: a wait due at the same millisecond needs a timer of its own now.
      batchDeadline = Long.MIN_VALUE;
      batch = null;
    }
    for (Promise<Void> promise : waiting) {
      promise.complete();
    }
  }

  /** How many Vert.x timers are pending now. */
  public int timers() {
    return due.size();
  }
}
