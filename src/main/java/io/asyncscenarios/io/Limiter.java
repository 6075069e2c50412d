package io.asyncscenarios.io;

import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Lets at most a given number of asynchronous operations run at once, queueing the rest in order: the
 * Vert.x counterpart of an {@code asyncio.Semaphore} around each call.
 *
 * <p>A queued operation runs on the context of the code that submitted it, never on the context of the
 * operation whose end freed its permit: tasks are found through their context, so anything else would
 * record one task's work under another's name. Every start is a fresh turn of that context's event loop,
 * never a call made inside another operation's completion: synchronously completing operations cannot
 * nest, and however many are queued, the stack stays flat. An operation whose task is cancelled while it
 * waits leaves the queue at once, and its future fails with a {@link CancellationException}.
 */
public final class Limiter {

  private final Vertx vertx;
  private final int permits;
  // Guarded by this: submitters and completions may come from several event loops (one client per run).
  private final Queue<Waiting> waiting = new ArrayDeque<>();
  private int running;

  /** An operation waiting for a permit; {@code queued} guarded by the limiter. */
  private static final class Waiting {
    final Runnable start;
    boolean queued = true;

    Waiting(Runnable start) {
      this.start = start;
    }
  }

  public Limiter(Vertx vertx, int permits) {
    this.vertx = vertx;
    this.permits = permits;
  }

  public <T> Future<T> submit(Supplier<Future<T>> operation) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    // The outcome too is delivered on the submitter's context, whatever context the operation ends on.
    // ContextInternal.promise() is internal; the public Future.fromCompletionStage(stage, context) makes the
    // same promise, only behind a CompletableFuture.
    Promise<T> done = context.promise();
    Runnable start = () -> context.runOnContext(v -> {
      Task<?> task = Tasks.currentTask();
      if (task != null && task.isCancelled()) {
        // As asyncio's cancelled waiter never gets the semaphore: 20,000 queued fetches of an interrupted
        // run must not go on after it.
        release();
        done.tryFail(cancelledBeforeItsTurn(task));
      } else {
        run(operation, done);
      }
    });
    Waiting entry = null;
    synchronized (this) {
      if (running < permits) {
        running++;
      } else {
        entry = new Waiting(start);
        waiting.add(entry);
      }
    }
    if (entry == null) {
      // Even with a free permit the start is scheduled rather than made here: a caller that submits from the
      // completion of its previous operation would otherwise nest one call in the other, without bound.
      start.run();
    } else {
      Waiting queued = entry;
      // Cancelled while queued, it ends now rather than when its turn would have come: after an interrupt,
      // 10,000 queued fetches end at once, not one permit at a time.
      Tasks.onCancel(done.future(), () -> leave(queued, done));
    }
    return done.future();
  }

  private <T> void leave(Waiting entry, Promise<T> done) {
    synchronized (this) {
      if (!entry.queued) {
        // It has its permit already: the operation is running, and ends on its own terms.
        return;
      }
      entry.queued = false;
    }
    done.tryFail(cancelledBeforeItsTurn(Tasks.currentTask()));
  }

  private static CancellationException cancelledBeforeItsTurn(Task<?> task) {
    return new CancellationException((task == null ? "the operation" : task.name()) + " was cancelled before its turn");
  }

  private <T> void run(Supplier<Future<T>> operation, Promise<T> done) {
    Future<T> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(outcome -> {
      release();
      done.handle(outcome);
    });
  }

  /**
   * Passes the permit to the next in line still queued, whose start is only scheduled: nothing runs
   * inside this call. Those that left the queue (cancelled) are dropped on the way, in one go.
   */
  private void release() {
    Waiting next;
    synchronized (this) {
      do {
        next = waiting.poll();
      } while (next != null && !next.queued);
      if (next == null) {
        running--;
      } else {
        next.queued = false;
      }
    }
    if (next != null) {
      next.start.run();
    }
  }

  /** Operations waiting for a permit, those that left the queue but were not yet dropped included. */
  public synchronized int queued() {
    return waiting.size();
  }
}
