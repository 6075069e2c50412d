package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Lets at most a given number of asynchronous operations run at once, queueing the rest in order: the
 * Vert.x counterpart of an {@code asyncio.Semaphore} around each call. Used from one event loop.
 */
public final class Limiter {

  private final int permits;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public Limiter(int permits) {
    this.permits = permits;
  }

  public <T> Future<T> submit(Supplier<Future<T>> operation) {
    Promise<T> done = Promise.promise();
    waiting.add(() -> {
      Future<T> result;
      try {
        result = operation.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(outcome -> {
        running--;
        drain();
        done.handle(outcome);
      });
    });
    drain();
    return done.future();
  }

  private void drain() {
    while (running < permits && !waiting.isEmpty()) {
      running++;
      waiting.poll().run();
    }
  }
}
