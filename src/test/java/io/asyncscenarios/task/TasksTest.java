package io.asyncscenarios.task;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.record.TaskEnd;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class TasksTest {

  private Recorder recorder;
  private Tasks tasks;

  @BeforeEach
  void setUp(Vertx vertx) {
    recorder = new Recorder(event -> { });
    tasks = new Tasks(vertx, recorder);
  }

  @Test
  void eachInSlicesRunsEveryIndexInOrderAsTheTaskAndLetsTheLoopTurnBetweenSlices(Vertx vertx, VertxTestContext ctx) {
    List<Integer> seen = new ArrayList<>();
    List<String> as = new ArrayList<>();
    List<Integer> interleaved = new ArrayList<>();
    Task<Void> task = tasks.start("reader", () -> {
      // Queued behind the first slice: it runs between two slices, never inside one.
      vertx.getOrCreateContext().runOnContext(v -> interleaved.add(seen.size()));
      return Tasks.eachInSlices(vertx, 300, i -> {
        seen.add(i);
        as.add(tasks.currentName());
        long until = System.nanoTime() + 100_000;
        while (System.nanoTime() < until) {
          // 0.1 ms of work an index: 30 ms in all, three slices or more.
          Thread.onSpinWait();
        }
      });
    });
    task.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(IntStream.range(0, 300).boxed().toList(), seen);
      assertEquals(List.of("reader"), as.stream().distinct().toList());
      assertEquals(1, interleaved.size());
      assertTrue(interleaved.get(0) > 0 && interleaved.get(0) < 300, "ran between slices, after " + interleaved.get(0));
      ctx.completeNow();
    })));
  }

  @Test
  void eachInSlicesFailsWithWhatTheBodyThrew(Vertx vertx, VertxTestContext ctx) {
    Tasks.eachInSlices(vertx, 10, i -> {
      if (i == 3) {
        throw new IllegalStateException("index 3");
      }
    }).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertEquals("index 3", e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void unnamedTasksAreNumberedLikeAsyncioAndNamedOnesTakeANumberToo(VertxTestContext ctx) {
    Task<Void> first = tasks.start(() -> Future.succeededFuture());
    Task<Void> named = tasks.start("Monitor", () -> Future.succeededFuture());
    Task<Void> third = tasks.start(() -> Future.succeededFuture());
    ctx.verify(() -> {
      assertEquals("Task-1", first.name());
      assertEquals("Monitor", named.name());
      assertEquals("Task-3", third.name());
    });
    Future.all(first.future(), named.future(), third.future()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void currentFollowsEachTaskAcrossTimersComposeAndBlockingCode(Vertx vertx, VertxTestContext ctx) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Task<Void> a = tasks.start("A", () -> stepsRecordingCurrent(vertx, seen, "A"));
    Task<Void> b = tasks.start("B", () -> stepsRecordingCurrent(vertx, seen, "B"));
    Future.all(a.future(), b.future()).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      // Both tasks interleave on one event loop, yet every step saw its own task as the current one.
      assertEquals(8, seen.size(), seen::toString);
      for (String step : seen) {
        String[] parts = step.split("[:=]");
        assertEquals(parts[0], parts[2], step);
      }
      ctx.completeNow();
    })));
  }

  /** Records "task:step=current" at each hop: the start, after a timer, on a worker thread, back on the loop. */
  private Future<Void> stepsRecordingCurrent(Vertx vertx, List<String> seen, String name) {
    seen.add(name + ":start=" + tasks.currentName());
    return tasks.sleep(name.equals("A") ? 5 : 10)
      .compose(v -> {
        seen.add(name + ":timer=" + tasks.currentName());
        return vertx.executeBlocking(() -> seen.add(name + ":blocking=" + tasks.currentName()));
      })
      .map(v -> {
        seen.add(name + ":after-blocking=" + tasks.currentName());
        return null;
      });
  }

  @Test
  void currentIsNullOutsideAnyTask() {
    assertNull(tasks.current());
  }

  @Test
  void allListsLiveTasksInStartOrderAndForgetsEndedOnes(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> allListsLiveTasks(ctx));
  }

  private void allListsLiveTasks(VertxTestContext ctx) {
    Promise<Void> releaseA = Promise.promise();
    Task<Void> a = tasks.start("A", releaseA::future);
    Task<Void> b = tasks.start("B", () -> tasks.sleep(1));
    ctx.verify(() -> assertEquals(List.of(a, b), tasks.all()));
    b.future()
      .compose(v -> {
        ctx.verify(() -> assertEquals(List.of(a), tasks.all()));
        releaseA.complete();
        return a.future();
      })
      .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
        assertTrue(tasks.all().isEmpty());
        assertEquals(TaskState.SUCCEEDED, a.state());
        ctx.completeNow();
      })));
  }

  @Test
  void cancelClearsTheTimerOfASleepingTaskAndFailsItWithCancellation(Vertx vertx, VertxTestContext ctx) {
    Promise<Void> asleep = Promise.promise();
    Task<Void> sleeper = tasks.start("sleeper", () -> {
      Future<Void> sleep = tasks.sleep(60_000);
      asleep.complete();
      return sleep;
    });
    // Cancel once the task sleeps, on a later turn of the loop than its code's: a started task, not a pending one.
    asleep.future().onSuccess(v -> vertx.runOnContext(w -> ctx.verify(() -> {
      assertEquals(TaskState.RUNNING, sleeper.state());
      assertTrue(sleeper.cancel());
    })));
    sleeper.future().onComplete(ctx.failing(cause -> ctx.verify(() -> {
      assertInstanceOf(CancellationException.class, cause);
      assertEquals(TaskState.CANCELLED, sleeper.state());
      assertTrue(tasks.all().isEmpty());
      assertEquals(List.of(EventType.START, EventType.SLEEP, EventType.CANCEL), types("sleeper"));
      assertTrue(!sleeper.cancel(), "a task is cancelled once");
      ctx.completeNow();
    })));
  }

  @Test
  void aTaskCancelledBeforeItsTurnNeverRuns(Vertx vertx, VertxTestContext ctx) {
    // On the event loop, as scenarios do: the task's turn cannot come before this callback returns.
    vertx.runOnContext(v -> {
      Task<Void> pending = tasks.start("pending", () -> {
        ctx.failNow("the body of a cancelled task ran");
        return Future.succeededFuture();
      });
      ctx.verify(() -> assertEquals(TaskState.PENDING, pending.state()));
      pending.cancel();
      pending.future().onComplete(ctx.failing(cause -> ctx.verify(() -> {
        assertEquals(List.of(EventType.CANCEL), types("pending"));
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aFailingTaskRecordsItsErrorAndFailsItsFuture(VertxTestContext ctx) {
    Task<Void> failing = tasks.start("failing", () -> Future.failedFuture("boom"));
    failing.future().onComplete(ctx.failing(cause -> ctx.verify(() -> {
      assertEquals(TaskState.FAILED, failing.state());
      Event error = recorder.events().get(1);
      assertEquals(EventType.ERROR, error.type());
      assertEquals("boom", error.message());
      ctx.completeNow();
    })));
  }

  @Test
  void debugModeReportsOnlyTheTasksNobodyObservedWithWhereTheyWereStarted(Vertx vertx, VertxTestContext ctx) {
    Tasks debugTasks = new Tasks(vertx, recorder, true);
    Task<Void> observed = debugTasks.start("observed", () -> Future.succeededFuture());
    debugTasks.start("forgotten", () -> Future.succeededFuture());
    observed.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(1, debugTasks.reportForgotten());
      List<Event> warnings = recorder.events().stream().filter(e -> e.type() == EventType.WARN).toList();
      assertEquals(1, warnings.size());
      assertEquals("forgotten", warnings.get(0).task());
      assertTrue(warnings.get(0).message().contains(
        "at " + TasksTest.class.getName() + ".debugModeReportsOnlyTheTasksNobodyObservedWithWhereTheyWereStarted(TasksTest.java:"),
        warnings.get(0).message());
      ctx.completeNow();
    })));
  }

  @Test
  void withoutDebugModeNothingIsReported(VertxTestContext ctx) {
    // The same two tasks as in debug mode, checked at the same moment: once the observed one has ended.
    Task<Void> observed = tasks.start("observed", () -> Future.succeededFuture());
    tasks.start("forgotten", () -> Future.succeededFuture());
    observed.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(0, tasks.reportForgotten());
      assertTrue(recorder.events().stream().noneMatch(e -> e.type() == EventType.WARN));
      ctx.completeNow();
    })));
  }

  @Test
  void startEachStartsEveryTaskInOrderEachAsItself(VertxTestContext ctx) {
    int count = 20_000;
    List<String> current = new CopyOnWriteArrayList<>();
    Task<List<Future<String>>> starter = tasks.start("starter", () -> tasks.startEach(count, i -> "T" + i, (i, name) -> {
      current.add(tasks.currentName());
      return tasks.sleep(1).map(v -> name);
    }));
    starter.future().compose(futures -> Future.all(futures)).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(count, all.size());
      for (int i = 0; i < count; i++) {
        assertEquals("T" + i, all.resultAt(i));
        assertEquals("T" + i, current.get(i), "task " + i + " ran as itself, in the order started");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void sleepsSharingATimerNeverEndEarlyAndWakeInTheOrderTheyAreDue(Vertx vertx, VertxTestContext ctx) {
    List<Future<Long>> slept = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long ms = 20 + i % 7;
      long start = System.nanoTime();
      slept.add(tasks.sleep(ms).map(v -> (System.nanoTime() - start) / 1_000_000 - ms));
    }
    Future.all(slept).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < all.size(); i++) {
        assertTrue(all.<Long>resultAt(i) >= 0, "sleep " + i + " ended " + -all.<Long>resultAt(i) + " ms early");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void cancellingTheStarterStopsStartEachBetweenSlices(VertxTestContext ctx) {
    int cancelAt = 50_000;
    tasks.start("starter", () -> {
      Future<List<Future<Void>>> starting = tasks.startEach(1_000_000, i -> "T" + i, (i, name) -> {
        if (i == cancelAt) {
          // An interrupted run: everything live is cancelled, the starter too, while its slices go on.
          tasks.cancelAll();
        }
        return tasks.sleep(60_000);
      });
      starting.onComplete(ctx.failing(cause -> ctx.verify(() -> {
        assertInstanceOf(CancellationException.class, cause);
        assertEquals(List.of(), tasks.all(), "the next slice started nothing");
        ctx.completeNow();
      })));
      return starting;
    });
  }

  @Test
  void aTaskRecordsWhoCreatedItAndWhoFirstAwaitedItAndWhen(Vertx vertx, VertxTestContext ctx) {
    List<Task<?>> made = new CopyOnWriteArrayList<>();
    Task<Void> main = tasks.start("main", () -> {
      Task<Void> child = tasks.start("child", () -> tasks.sleep(30));
      made.add(child);
      // Asked for by no task (the caller's own code) it is not yet awaited; main asks only after a sleep of its own.
      return tasks.sleep(20).compose(v -> child.future())
        .compose(v -> tasks.start("late", () -> child.future()).future());
    });
    main.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      var log = recorder.log();
      int mainId = id("main");
      int child = id("child");
      int late = id("late");
      assertEquals(-1, log.creator(mainId), "made outside any task");
      assertEquals(-1, log.awaiter(mainId), "the test is no task");
      assertEquals(mainId, log.creator(child));
      assertEquals(mainId, log.awaiter(child), "main asked first; late, which asked after, is not recorded");
      assertEquals(mainId, log.creator(late));
      // Awaited when main's sleep ended, not when the child was made.
      double mainSlept = sleepOf("main");
      assertTrue(log.awaitedAtMs(child) >= mainSlept + 20, log.awaitedAtMs(child) + " ms, main slept at " + mainSlept);
      assertTrue(Double.isNaN(log.awaitedAtMs(mainId)));
      assertEquals(made.get(0).name(), log.taskName(child));
      ctx.completeNow();
    })));
  }

  @Test
  void aTaskAskingForItsOwnFutureDoesNotAwaitItself(VertxTestContext ctx) {
    Promise<Void> askedItself = Promise.promise();
    Task<Void> self = tasks.start("self", () -> {
      tasks.current().future();
      askedItself.complete();
      return tasks.sleep(20);
    });
    // The next task to ask is the one recorded: asking for itself took nobody's place.
    askedItself.future()
      .compose(v -> tasks.start("other", self::future).future())
      .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
        assertEquals(id("other"), recorder.log().awaiter(id("self")));
        ctx.completeNow();
      })));
  }

  @Test
  void startEachRecordsItsCallerAsCreatorAndAwaiterOfEveryTask(VertxTestContext ctx) {
    Task<List<Future<Void>>> starter = tasks.start("starter", () -> tasks.startEach(5_000, i -> "T" + i, (i, name) -> tasks.sleep(1)));
    starter.future().compose(Future::all).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      var log = recorder.log();
      int starterId = id("starter");
      for (int task = 0; task < log.taskCount(); task++) {
        if (task != starterId) {
          assertEquals(starterId, log.creator(task), log.taskName(task));
          assertEquals(starterId, log.awaiter(task), log.taskName(task));
        }
      }
      assertEquals(5_001, log.taskCount());
      ctx.completeNow();
    })));
  }

  @Test
  void aCancelEventSaysWhoCancelled(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Task<Void> byTask = tasks.start("by a task", () -> tasks.sleep(60_000));
      Task<Void> byRunner = tasks.start("by the runner", () -> tasks.sleep(60_000));
      Task<Void> outside = tasks.start("outside", () -> tasks.sleep(60_000));
      Task<Void> canceller = tasks.start("canceller", () -> {
        byTask.cancel();
        return Future.succeededFuture();
      });
      canceller.future()
        .compose(w -> {
          outside.cancel();
          tasks.cancelAll();
          return byRunner.future().otherwiseEmpty();
        })
        .onComplete(ctx.succeeding(w -> ctx.verify(() -> {
          assertEquals(List.of("cancelled by canceller"), cancelMessages("by a task"));
          assertEquals(List.of("cancelled by the runner"), cancelMessages("outside"));
          assertEquals(List.of("cancelled by the runner"), cancelMessages("by the runner"));
          var log = recorder.log();
          assertEquals(TaskEnd.CANCELLED, log.end(id("by a task"), log.size()));
          assertEquals(TaskEnd.FINISHED, log.end(id("canceller"), log.size()));
          ctx.completeNow();
        })));
    });
  }

  @Test
  void cancellingAllForASignalSaysSo(VertxTestContext ctx) {
    Task<Void> sleeper = tasks.start("sleeper", () -> tasks.sleep(60_000));
    tasks.start("interrupter", () -> {
      tasks.cancelAll(TaskEnd.BY_SIGNAL);
      return Future.succeededFuture();
    });
    sleeper.future().onComplete(ctx.failing(cause -> ctx.verify(() -> {
      assertEquals(List.of("cancelled by a signal"), cancelMessages("sleeper"));
      assertEquals("a signal", TaskEnd.cancelledBy(cancelMessages("sleeper").get(0)));
      ctx.completeNow();
    })));
  }

  @Test
  void aSleepRecordsItsDuration(VertxTestContext ctx) {
    tasks.start("sleeper", () -> tasks.sleep(25)).future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(List.of("25"), recorder.events().stream().filter(e -> e.type() == EventType.SLEEP).map(Event::message).toList());
      ctx.completeNow();
    })));
  }

  @Test
  void waitOnRecordsTheWaitAndItsWakeBeforeWhatTheTaskDoesNext(Vertx vertx, VertxTestContext ctx) {
    Promise<String> answer = Promise.promise();
    Task<Void> task = tasks.start("waiter", () -> {
      Future<String> waited = Tasks.waitOn("http", "http://example.test/", answer.future());
      vertx.setTimer(20, id -> answer.complete("42"));
      return waited
        .map(body -> {
          tasks.record(EventType.PRINT, "got " + body);
          return null;
        });
    });
    task.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      List<Event> events = recorder.events().stream().filter(e -> "waiter".equals(e.task())).toList();
      assertEquals(List.of(EventType.START, EventType.WAIT, EventType.WAKE, EventType.PRINT, EventType.FINISH),
        events.stream().map(Event::type).toList());
      assertEquals("http http://example.test/", events.get(1).message());
      assertEquals("http http://example.test/", events.get(2).message());
      assertTrue(events.get(2).tMs() - events.get(1).tMs() >= 20, "the wake came when the answer did");
      ctx.completeNow();
    })));
  }

  @Test
  void theWakeComesFirstWhenAnotherThreadCompletesTheOperationBeforeTheTaskComposesOnIt(Vertx vertx, VertxTestContext ctx) {
    // A worker completes the operation between waitOn and the task's compose: Vert.x queues the wake's
    // listener to the context, while the compose, made on the context's thread on a completed future, runs
    // at once. The task must still see its wake first, and a task that ends at once must still get it.
    Task<Void> task = tasks.start("racer", () -> {
      Promise<String> job = tasks.promise();
      Future<String> waited = Tasks.waitOn("worker", "executeBlocking job", job.future());
      Thread worker = new Thread(() -> job.complete("done"));
      worker.start();
      try {
        worker.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return waited.map(result -> {
        tasks.record(EventType.PRINT, result);
        return null;
      });
    });
    task.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(List.of(EventType.START, EventType.WAIT, EventType.WAKE, EventType.PRINT, EventType.FINISH), types("racer"));
      ctx.completeNow();
    })));
  }

  @Test
  void waitOnOutsideAnyTaskRecordsNothingAndACancelledTaskNoWake(VertxTestContext ctx) {
    Promise<Void> never = Promise.promise();
    assertSame(never.future(), Tasks.waitOn("future", "outside", never.future()));
    Promise<Void> late = Promise.promise();
    Promise<Task<?>> waiting = Promise.promise();
    tasks.start("cancelled", () -> {
      Future<Void> job = Tasks.waitOn("worker", "executeBlocking job", late.future());
      waiting.complete(tasks.current());
      return job;
    });
    waiting.future().onComplete(ctx.succeeding(task -> ctx.verify(() -> {
      task.cancel();
      // The job ends after its task: what the task waited on no longer concerns it, and no wake is recorded.
      late.complete();
      assertEquals(List.of(EventType.START, EventType.WAIT, EventType.CANCEL), types("cancelled"));
      assertEquals(List.of("worker executeBlocking job"),
        recorder.events().stream().filter(e -> e.type() == EventType.WAIT).map(Event::message).toList());
      ctx.completeNow();
    })));
  }

  @Test
  void aTasksPromiseCarriesOnAsTheTaskThatMadeItWhoeverCompletesIt(VertxTestContext ctx) {
    Promise<Void> plain = Promise.promise();
    List<String> seen = new CopyOnWriteArrayList<>();
    Task<Void> waiter = tasks.start("waiter", () -> {
      Promise<Void> own = tasks.promise();
      tasks.start("completer", () -> {
        own.complete();
        plain.complete();
        return Future.succeededFuture();
      });
      // A plain promise runs what composes on it as whoever completed it: the completer.
      Future<Void> other = plain.future().map(v -> {
        seen.add("plain: " + tasks.currentName());
        return null;
      });
      return own.future().map(v -> {
        seen.add("own: " + tasks.currentName());
        return null;
      }).compose(v -> other);
    });
    waiter.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertTrue(seen.contains("own: waiter"), seen::toString);
      assertTrue(seen.contains("plain: completer"), seen::toString);
      ctx.completeNow();
    })));
  }

  @Test
  void aCancelledTaskWhoseCodeGoesOnRecordsNoWaitAfterItsEnd(VertxTestContext ctx) {
    Promise<Void> done = Promise.promise();
    tasks.start("stubborn", () -> {
      tasks.current().cancel();
      // Its code goes on, as a monitor's loop does once: what it would wait on now is no longer its to wait on.
      Future<Void> slept = tasks.sleep(10);
      Tasks.waitOn("future", "never", Promise.<Void>promise().future());
      slept.onComplete(v -> done.complete());
      return slept;
    });
    done.future().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(List.of(EventType.START, EventType.CANCEL), types("stubborn"));
      assertEquals(List.of("cancelled by stubborn"), cancelMessages("stubborn"));
      ctx.completeNow();
    })));
  }

  private int id(String name) {
    var log = recorder.log();
    for (int task = 0; task < log.taskCount(); task++) {
      if (name.equals(log.taskName(task))) {
        return task;
      }
    }
    throw new AssertionError("no task " + name);
  }

  private double sleepOf(String task) {
    return recorder.events().stream().filter(e -> task.equals(e.task()) && e.type() == EventType.SLEEP).findFirst().orElseThrow().tMs();
  }

  private List<String> cancelMessages(String task) {
    return recorder.events().stream().filter(e -> task.equals(e.task()) && e.type() == EventType.CANCEL).map(Event::message).toList();
  }

  private List<EventType> types(String task) {
    return recorder.events().stream().filter(e -> task.equals(e.task())).map(Event::type).collect(Collectors.toList());
  }

  @Test
  void cancellingTellsWhatTheTaskWaitsOnAndIdleWaitsUntilItsCodeHasEnded(Vertx vertx) throws Exception {
    Promise<Void> begun = Promise.promise();
    Promise<Void> operation = Promise.promise();
    List<String> order = new CopyOnWriteArrayList<>();
    List<Task<Void>> started = new CopyOnWriteArrayList<>();
    // One event loop for the task and the test's steps: what is told on a later turn comes after them.
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(v -> started.add(tasks.start("T", () -> {
      // Told of the cancellation, the operation takes a while to clean up, as a download deletes its file.
      Tasks.onCancel(operation.future(), () -> {
        order.add("told");
        vertx.setTimer(100, id -> {
          order.add("cleaned up");
          operation.fail("stopped");
        });
      });
      begun.complete();
      return operation.future();
    })));
    begun.future().await(5, TimeUnit.SECONDS);
    assertEquals(1, tasks.running());
    Promise<Future<Void>> idle = Promise.promise();
    loop.runOnContext(v -> {
      Task<Void> task = started.get(0);
      task.cancel();
      order.add("cancelled, its future " + (task.future().failed() ? "failed" : "pending"));
      idle.complete(tasks.idle().andThen(done -> order.add("idle")));
    });
    idle.future().await(5, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    assertEquals(List.of("cancelled, its future failed", "told", "cleaned up", "idle"), order);
    assertEquals(0, tasks.running());
  }

  @Test
  void startEachStopsAtOnceWhenItsStarterIsCancelledThoughItsDeploymentAndItsTimersAreGone(Vertx vertx) throws Exception {
    List<Future<List<Future<Void>>>> starting = new CopyOnWriteArrayList<>();
    List<Task<?>> starters = new CopyOnWriteArrayList<>();
    Promise<Void> firstHundredStarted = Promise.promise();
    String deployment = vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        starters.add(tasks.start("starter", () -> {
          // A million sleepers, started a slice at a time: the next slice comes by a timer of this deployment.
          Future<List<Future<Void>>> started = tasks.startEach(1_000_000, i -> "t" + i, (i, name) -> {
            if (i == 99) {
              firstHundredStarted.complete();
            }
            return tasks.sleep(60_000);
          });
          starting.add(started);
          return started;
        }));
        return Future.succeededFuture();
      }
    }).await(5, TimeUnit.SECONDS);
    // Once the first slice has started; cancelled before, the test would prove nothing.
    firstHundredStarted.future().await(5, TimeUnit.SECONDS);
    assertTrue(tasks.all().size() >= 100, () -> tasks.all().size() + " live tasks");
    starters.get(0).cancel();
    // Undeployed, the deployment's timers go: the starter must not wait for its next slice to learn it was cancelled.
    vertx.undeploy(deployment).await(5, TimeUnit.SECONDS);
    Future<List<Future<Void>>> started = starting.get(0);
    started.otherwiseEmpty().await(5, TimeUnit.SECONDS);
    assertInstanceOf(CancellationException.class, started.cause());
    assertTrue(tasks.cancelAll() < 1_000_000, "not every task was started");
    tasks.idle().await(5, TimeUnit.SECONDS);
    assertEquals(List.of(), tasks.all());
  }
}
