package io.asyncscenarios.task;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The sleeps of one set of tasks, sharing Vert.x timers: every sleep due within the same millisecond
 * waits on one timer. A million tasks that each sleep a second, started over a few hundred
 * milliseconds, then cost a few hundred timers instead of a million entries in the event loop's timer
 * queue, which is what makes {@code asyncio.sleep} at that scale cheap too.
 *
 * <p>No sleep ends early: a shared timer fires at the end of its millisecond, so a sleep may end up to
 * a millisecond late, never before its time. Each sleeper carries on on its own context.
 */
final class Sleeps {

  private final Vertx vertx;
  private final Map<Long, Batch> due = new HashMap<>();
  // The batch filled last: sleeps started together mostly share it, so most calls skip the map.
  private Batch filling;

  Sleeps(Vertx vertx) {
    this.vertx = vertx;
  }

  /** One pending sleep: cancelling its task fails it and releases its place in the batch. */
  static final class Sleep implements Wait {
    private final Promise<Void> promise;
    private final TaskImpl<?> owner;
    private final Batch batch;

    private Sleep(Promise<Void> promise, TaskImpl<?> owner, Batch batch) {
      this.promise = promise;
      this.owner = owner;
      this.batch = batch;
    }

    @Override
    public void cancel(String task) {
      if (promise.tryFail(new CancellationException(task + " was cancelled"))) {
        batch.release();
      }
    }
  }

  private final class Batch {
    final long deadlineMs;
    final List<Sleep> sleeps = new ArrayList<>();
    int waiting;
    long timerId;

    Batch(long deadlineMs) {
      this.deadlineMs = deadlineMs;
    }

    void release() {
      synchronized (Sleeps.this) {
        if (--waiting == 0 && due.remove(deadlineMs, this)) {
          // Nobody waits on it any more: a cancelled long sleep must not keep a timer pending.
          vertx.cancelTimer(timerId);
          if (filling == this) {
            filling = null;
          }
        }
      }
    }
  }

  /**
   * Completes {@code ms} milliseconds after {@code now} (the monotonic clock) on {@code context}, or fails
   * if {@code owner} is cancelled first.
   */
  Future<Void> after(ContextInternal context, long now, long ms, TaskImpl<?> owner) {
    // ContextInternal and PromiseInternal are internal, and the only way to find a promise's context, to reach
    // the event loop's own context behind a task's (unwrap()) and to wake a sleeper in the current turn.
    Promise<Void> promise = context.promise();
    // The millisecond the sleep ends in, rounded up: waking at its end is never early.
    long deadlineMs = Math.floorDiv(now + Math.max(1, ms) * 1_000_000L + 999_999, 1_000_000L);
    Sleep sleep;
    synchronized (this) {
      Batch batch = filling != null && filling.deadlineMs == deadlineMs ? filling : due.get(deadlineMs);
      if (batch == null) {
        batch = new Batch(deadlineMs);
        due.put(deadlineMs, batch);
        long delayMs = Math.max(1, Math.floorDiv(deadlineMs * 1_000_000L - now + 999_999, 1_000_000L));
        Batch firing = batch;
        // On the event loop's own context, not the first sleeper's: every sleeper, that one too, is then
        // woken on its own context (fire), and batches wake their sleepers in the order they are due.
        batch.timerId = context.unwrap().setTimer(delayMs, id -> fire(firing));
      }
      filling = batch;
      sleep = new Sleep(promise, owner, batch);
      batch.sleeps.add(sleep);
      batch.waiting++;
    }
    if (owner != null && !owner.addWait(sleep)) {
      sleep.cancel(owner.name());
    }
    return promise.future();
  }

  private void fire(Batch batch) {
    synchronized (this) {
      due.remove(batch.deadlineMs, batch);
      if (filling == batch) {
        filling = null;
      }
    }
    for (Sleep sleep : batch.sleeps) {
      if (sleep.owner != null) {
        sleep.owner.removeWait(sleep);
      }
      // Each promise belongs to its sleeper's context: the sleeper carries on there, as itself. On this
      // very thread it is woken now, in the order due, rather than through a task queued per sleeper.
      ContextInternal context = ((PromiseInternal<Void>) sleep.promise).context();
      if (context.inThread()) {
        context.dispatch((Runnable) sleep.promise::tryComplete);
      } else {
        sleep.promise.tryComplete();
      }
    }
  }
}
