package io.asyncscenarios.io;

import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class LimiterTest {

  @Test
  void queuedWorkRunsAsTheTaskThatSubmittedIt(Vertx vertx) throws Exception {
    Limiter limiter = new Limiter(vertx, 1);
    Tasks tasks = new Tasks(vertx, new Recorder(event -> { }));
    List<String> seen = new ArrayList<>();
    List<Future<String>> all = new ArrayList<>();
    Promise<Void> submitted = Promise.promise();
    // Each operation completes on a timer of its own, so the next starts when another task's work ends.
    // Started from one event loop, so that they queue in this order.
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 1; i <= 6; i++) {
        all.add(tasks.start("task-" + i, () -> limiter.submit(() -> {
          seen.add(Tasks.currentTaskName());
          return vertx.timer(1).map(t -> Tasks.currentTaskName());
        })).future());
      }
      submitted.complete();
    });
    submitted.future().await(10, TimeUnit.SECONDS);
    Future.all(all).await(20, TimeUnit.SECONDS);
    assertEquals(List.of("task-1", "task-2", "task-3", "task-4", "task-5", "task-6"), seen, "each op ran as its own task");
    for (int i = 0; i < 6; i++) {
      assertEquals("task-" + (i + 1), all.get(i).result(), "the outcome came back to its own task");
    }
  }

  @Test
  void theWorkOfATaskCancelledWhileItWaitsNeverRuns(Vertx vertx) throws Exception {
    Limiter limiter = new Limiter(vertx, 1);
    Tasks tasks = new Tasks(vertx, new Recorder(event -> { }));
    Promise<Void> gate = Promise.promise();
    Promise<Void> firstRunning = Promise.promise();
    List<String> ran = new ArrayList<>();
    List<Task<Void>> started = new ArrayList<>();
    // One event loop for all: the three submit in order, so task-1 holds the permit and the others wait.
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(v -> {
      for (int i = 1; i <= 3; i++) {
        String name = "task-" + i;
        started.add(tasks.start(name, () -> limiter.submit(() -> {
          ran.add(name);
          if (name.equals("task-1")) {
            firstRunning.complete();
            return gate.future();
          }
          return Future.<Void>succeededFuture();
        })));
      }
    });
    firstRunning.future().await(10, TimeUnit.SECONDS);
    assertEquals(2, limiter.queued());
    loop.runOnContext(v -> {
      started.get(1).cancel();
      gate.complete();
    });
    Future.join(started.stream().map(Task::future).toList()).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertEquals(List.of("task-1", "task-3"), ran);
    assertEquals(0, limiter.queued());
  }

  @Test
  void aHundredThousandQueuedOperationsOfCancelledTasksEndAtOnceWhileThePermitIsStillHeld(Vertx vertx) throws Exception {
    int count = 100_000;
    Limiter limiter = new Limiter(vertx, 1);
    Tasks tasks = new Tasks(vertx, new Recorder(event -> { }));
    Promise<Void> gate = Promise.promise();
    AtomicInteger ran = new AtomicInteger();
    // What each task's code waits on: the limiter's outcome, not the task's own (cancelled) future.
    // Filled on the loop only, read once all are queued.
    List<Future<Void>> ops = new ArrayList<>(count);
    Promise<Void> allQueued = Promise.promise();
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(v -> {
      for (int i = 0; i < count; i++) {
        tasks.start("task-" + i, () -> {
          Future<Void> op = limiter.submit(() -> {
            ran.incrementAndGet();
            return gate.future();
          });
          ops.add(op);
          if (ops.size() == count) {
            allQueued.complete();
          }
          return op;
        });
      }
    });
    allQueued.future().await(20, TimeUnit.SECONDS);
    assertEquals(count - 1, limiter.queued());
    loop.runOnContext(v -> tasks.cancelAll());
    // Every queued operation ends, failed, though the gate is shut and so no permit ever came free.
    Future.join(ops.subList(1, count)).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertTrue(ops.subList(1, count).stream().allMatch(op -> op.cause() instanceof CancellationException), "all cancelled");
    assertEquals(1, tasks.running(), "the one operation running holds on until its gate opens");
    assertEquals(1, ran.get(), "no queued operation ran");
    loop.runOnContext(v -> gate.complete());
    tasks.idle().await(10, TimeUnit.SECONDS);
    assertEquals(0, limiter.queued(), "the queue was cleared in one go when the permit came free");
    assertEquals(1, ran.get());
  }

  @Test
  void atMostThePermitsRunAtOnce(Vertx vertx) throws Exception {
    Limiter limiter = new Limiter(vertx, 3);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(limiter.submit(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        return vertx.timer(1).andThen(v -> running.decrementAndGet()).mapEmpty();
      }));
    }
    Future.all(all).await(20, TimeUnit.SECONDS);
    assertEquals(3, most.get());
  }

  @Test
  void manySynchronouslyCompletingOpsDoNotNest(Vertx vertx) throws Exception {
    assertFlat(vertx, i -> Future.succeededFuture(i));
  }

  @Test
  void manySynchronouslyFailingOpsDoNotNest(Vertx vertx) throws Exception {
    assertFlat(vertx, i -> {
      if (i % 2 == 0) {
        throw new IllegalStateException("thrown " + i);
      }
      return Future.failedFuture("failed " + i);
    });
  }

  /** 100,000 ops queued behind a held permit, released at once: none may start inside another's end. */
  private static void assertFlat(Vertx vertx, java.util.function.IntFunction<Future<Integer>> op) throws Exception {
    int count = 100_000;
    Limiter limiter = new Limiter(vertx, 1);
    Promise<Integer> gate = Promise.promise();
    AtomicInteger deepest = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(start -> {
      List<Future<Integer>> all = new ArrayList<>(count + 1);
      all.add(limiter.submit(gate::future));
      for (int i = 0; i < count; i++) {
        int n = i;
        all.add(limiter.submit(() -> {
          if (n % 1000 == 0) {
            deepest.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
          }
          return op.apply(n);
        }).andThen(r -> ended.incrementAndGet()));
      }
      gate.complete(-1);
      Future.join(all).onComplete(r -> done.complete());
    });
    done.future().await(25, TimeUnit.SECONDS);
    assertEquals(count, ended.get());
    assertEquals(0, limiter.queued());
    // A nested drain would grow the stack with each op; a flat one stays at the event loop's own depth.
    assertTrue(deepest.get() < 200, "stack depth " + deepest.get());
  }

  private static void assertTrue(boolean held, String message) {
    org.junit.jupiter.api.Assertions.assertTrue(held, message);
  }
}
