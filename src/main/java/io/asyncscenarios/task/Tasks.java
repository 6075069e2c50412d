package io.asyncscenarios.task;

import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Starts, names, tracks and cancels the tasks of one scenario, and records their start and end.
 *
 * <p>Each task runs on its own <em>duplicated context</em> of the event loop it was started from, the
 * mechanism Vert.x itself uses to keep per-request data (vertx-web, tracing): timers, future callbacks
 * and {@code executeBlocking} calls made by the task's code continue on that context, so
 * {@link #current()} can read the task from it wherever the code goes next. A thread-local would lose
 * track at the first timer.
 */
public final class Tasks {

  private final Vertx vertx;
  private final Recorder recorder;
  private final AtomicInteger counter = new AtomicInteger();
  private final Set<TaskImpl<?>> live = new LinkedHashSet<>();
  private final boolean debug;
  private final List<TaskImpl<?>> started = new ArrayList<>();

  public Tasks(Vertx vertx, Recorder recorder) {
    this(vertx, recorder, false);
  }

  /**
   * @param debug keep each task's creation site and report the tasks nobody observed
   *              ({@link #reportForgotten()}), as asyncio's debug mode reports coroutines never awaited
   */
  public Tasks(Vertx vertx, Recorder recorder, boolean debug) {
    this.vertx = vertx;
    this.recorder = recorder;
    this.debug = debug;
  }

  /** Starts an unnamed task, named as asyncio names them: {@code Task-1}, {@code Task-2}, ... */
  public <T> Task<T> start(Supplier<? extends Future<T>> body) {
    return start(null, body);
  }

  /**
   * Starts a task. Like {@code asyncio.create_task}, its code runs on a later turn of the event loop,
   * not inside this call.
   */
  public <T> Task<T> start(String name, Supplier<? extends Future<T>> body) {
    // Every task takes a number, named or not, as asyncio's create_task(name=...) does.
    String autoName = "Task-" + counter.incrementAndGet();
    ContextInternal creator = (ContextInternal) vertx.getOrCreateContext();
    ContextInternal own = creator.unwrap().duplicate();
    // The result is delivered on the creator's context: whoever awaits it carries on as itself.
    Throwable creationSite = debug ? new Throwable("created here") : null;
    TaskImpl<T> task = new TaskImpl<>(name == null ? autoName : name, vertx, own, creator.promise(), creationSite);
    TaskLocal.CURRENT.put(own, task);
    if (debug) {
      synchronized (started) {
        started.add(task);
      }
    }
    task.onCancel(() -> ended(task, EventType.CANCEL, "cancelled"));
    synchronized (live) {
      live.add(task);
    }
    own.runOnContext(v -> run(task, body));
    return task;
  }

  private <T> void run(TaskImpl<T> task, Supplier<? extends Future<T>> body) {
    if (!task.begin()) {
      return;
    }
    recorder.record(task.name(), EventType.START, "");
    Future<T> outcome;
    try {
      outcome = body.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(result -> {
      if (result.succeeded() && task.end(TaskState.SUCCEEDED)) {
        ended(task, EventType.FINISH, "");
        task.complete(result.result());
      } else if (result.failed() && task.end(TaskState.FAILED)) {
        ended(task, EventType.ERROR, String.valueOf(result.cause().getMessage()));
        task.fail(result.cause());
      }
    });
  }

  private void ended(TaskImpl<?> task, EventType type, String message) {
    synchronized (live) {
      live.remove(task);
    }
    recorder.record(task.name(), type, message);
  }

  /** The task whose code runs now, or {@code null} outside any task (like {@code asyncio.current_task()}). */
  public Task<?> current() {
    return currentTask();
  }

  /** The name of the current task, or {@code null} outside any task. */
  public String currentName() {
    return currentTaskName();
  }

  /** The task whose code runs on this thread now, whichever {@code Tasks} started it. */
  public static Task<?> currentTask() {
    Context context = Vertx.currentContext();
    return context == null ? null : TaskLocal.CURRENT.get(context);
  }

  public static String currentTaskName() {
    Task<?> task = currentTask();
    return task == null ? null : task.name();
  }

  /**
   * In debug mode, records a {@code warn} event for each task whose future nobody asked for, with the
   * place it was started: its outcome, failure included, went unseen. Does nothing otherwise.
   *
   * @return how many were reported
   */
  public int reportForgotten() {
    if (!debug) {
      return 0;
    }
    List<TaskImpl<?>> forgotten;
    synchronized (started) {
      forgotten = started.stream().filter(task -> !task.observed()).toList();
    }
    for (TaskImpl<?> task : forgotten) {
      recorder.record(task.name(), EventType.WARN, "task '" + task.name() + "' was never observed: nobody composed, "
        + "joined or awaited its future, so its outcome went unseen. Created at:" + callerFrames(task.creationSite()));
    }
    return forgotten.size();
  }

  /** The creation stack from the caller of {@code start} on, without this API's own frames or the framework's. */
  private static String callerFrames(Throwable site) {
    StringBuilder frames = new StringBuilder();
    int shown = 0;
    for (StackTraceElement frame : site.getStackTrace()) {
      String cls = frame.getClassName();
      if (isOwnFrame(cls) || cls.startsWith("io.vertx.") || cls.startsWith("io.netty.") || cls.startsWith("java.")
        || cls.startsWith("jdk.")) {
        continue;
      }
      frames.append("\n  at ").append(frame);
      if (++shown == 8) {
        break;
      }
    }
    return frames.toString();
  }

  /** The tasks not yet done, in the order they were started (like {@code asyncio.all_tasks()}). */
  public List<Task<?>> all() {
    synchronized (live) {
      return new ArrayList<>(live);
    }
  }

  /**
   * Completes after {@code ms} milliseconds, like {@code asyncio.sleep}. Inside a task the timer belongs
   * to it: cancelling the task clears the timer and fails this future.
   */
  public Future<Void> sleep(long ms) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    Promise<Void> done = context.promise();
    TaskImpl<?> task = TaskLocal.CURRENT.get(context);
    // Vert.x timers need at least 1 ms; a tiny time scale can round a delay down to 0.
    long timerId = vertx.setTimer(Math.max(1, ms), id -> {
      if (task != null) {
        task.forgetSleep(id);
      }
      done.tryComplete();
    });
    if (task != null) {
      task.trackSleep(timerId, done);
    }
    return done.future();
  }

  private static boolean isOwnFrame(String cls) {
    for (Class<?> own : List.of(Tasks.class, TaskImpl.class)) {
      if (cls.equals(own.getName()) || cls.startsWith(own.getName() + "$")) {
        return true;
      }
    }
    return false;
  }

  /** Cancels every task still live, e.g. the ones a scenario left behind when it ended. */
  public int cancelAll() {
    int cancelled = 0;
    for (Task<?> task : all()) {
      if (task.cancel()) {
        cancelled++;
      }
    }
    return cancelled;
  }
}
