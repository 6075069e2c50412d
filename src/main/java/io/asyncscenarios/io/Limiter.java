package io.asyncscenarios.io;

import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.TaskState;
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
 * nest, and however many are queued, the stack stays flat.
 */
public final class Limiter {

  private final Vertx vertx;
  private final int permits;
  // Guarded by this: submitters and completions may come from several event loops (one client per run).
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public Limiter(Vertx vertx, int permits) {
    this.vertx = vertx;
    this.permits = permits;
  }

  public <T> Future<T> submit(Supplier<Future<T>> operation) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    // The outcome too is delivered on the submitter's context, whatever context the operation ends on.
    Promise<T> done = context.promise();
    Runnable start = () -> context.runOnContext(v -> {
      Task<?> task = Tasks.currentTask();
      if (task != null && task.state() == TaskState.CANCELLED) {
        // As asyncio's cancelled waiter never gets the semaphore: 20,000 queued fetches of an interrupted
        // run must not go on after it.
        release();
        done.fail(new CancellationException(task.name() + " was cancelled before its turn"));
      } else {
        run(operation, done);
      }
    });
    boolean now;
    synchronized (this) {
      now = running < permits;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      // Even with a free permit the start is scheduled rather than made here: a caller that submits from the
      // completion of its previous operation would otherwise nest one call in the other, without bound.
      start.run();
    }
    return done.future();
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

  /** Passes the permit to the next in line, whose start is only scheduled: nothing runs inside this call. */
  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }

  /** Operations waiting for a permit. */
  public synchronized int queued() {
    return waiting.size();
  }
}
