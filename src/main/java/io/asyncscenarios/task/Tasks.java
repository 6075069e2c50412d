package io.asyncscenarios.task;

import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.record.TaskEnd;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
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

  /** How long {@link #startEach} may hold the event loop in one turn: well under debug mode's 100 ms. */
  static final long SLICE_NANOS = 10_000_000;

  private final Vertx vertx;
  private final Recorder recorder;
  private final Sleeps sleeps;
  private final AtomicInteger counter = new AtomicInteger();
  private final boolean debug;
  // In debug mode, the tasks nobody has observed yet, with where they were started.
  private final Map<TaskImpl<?>, Throwable> unobserved = new LinkedHashMap<>();
  // Task bodies begun and not yet ended, cancelled ones included: a cancelled task is done at once, but its
  // code may still be cleaning up (a download deleting its temporary file).
  private final AtomicInteger running = new AtomicInteger();
  // Completed when running drops to zero; made by whoever waits for that (idle()), guarded by this.
  private Promise<Void> whenIdle;
  // The live tasks in the order they started, linked through the tasks themselves: no entry per task.
  private TaskImpl<?> first;
  private TaskImpl<?> last;

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
    this.sleeps = new Sleeps(vertx);
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
    TaskImpl<T> task = create(name, TaskImpl.current());
    task.context().runOnContext(v -> run(task, body));
    return task;
  }

  /** A new task on a context of its own, live but not yet scheduled, made by {@code creator} (or outside any task). */
  private <T> TaskImpl<T> create(String name, TaskImpl<?> creator) {
    // Every task takes a number, named or not, as asyncio's create_task(name=...) does.
    int number = counter.incrementAndGet();
    String taskName = name == null ? "Task-" + number : name;
    ContextInternal here = (ContextInternal) vertx.getOrCreateContext();
    // ContextInternal is internal, and the only way to give a task a context of its own (duplicate()) and to
    // run code on it in the current turn (dispatch()).
    ContextInternal own = here.unwrap().duplicate();
    // Who made it is recorded only for a task of this set: the numbers of another set's tasks mean nothing here.
    int creatorId = creator != null && creator.owner() == this ? creator.id : -1;
    // The result is delivered on the creator's context: whoever awaits it carries on as itself.
    TaskImpl<T> task = new TaskImpl<>(taskName, recorder.addTask(taskName, creatorId), this, own, here.promise());
    TaskLocal.CURRENT.put(own, task);
    synchronized (this) {
      if (debug) {
        // Capturing a stack costs microseconds; it is dropped as soon as someone observes the task.
        unobserved.put(task, new Throwable("created here"));
      }
      link(task);
    }
    return task;
  }

  /** The code of task number {@code index} of {@link #startEach}, given its name. */
  @FunctionalInterface
  public interface Body<T> {
    Future<T> run(int index, String name);
  }

  /**
   * Starts {@code count} tasks, task {@code i} named {@code name.apply(i)} running {@code body.run(i, name)},
   * a slice of about 10 ms at a time with turns of the event loop between slices (timers included), so
   * that starting a million tasks never holds the loop for long, nor the sleeps of those started first.
   * Completes with their futures, in order: the current task, which made them, is recorded as awaiting
   * each, as {@code gather} does.
   */
  public <T> Future<List<Future<T>>> startEach(int count, IntFunction<String> name, Body<T> body) {
    List<Future<T>> futures = new ArrayList<>(count);
    Promise<List<Future<T>>> all = Promise.promise();
    TaskImpl<?> starter = TaskImpl.current();
    // Cancelled, the starter stops starting at once: waiting for the next slice would not do, as that comes
    // by a timer of its deployment's context, which goes when the deployment fails.
    onCancel(all.future(), () -> all.tryFail(cancelledWhileStarting(starter)));
    startSlice(0, count, name, body, futures, all, starter);
    return all.future();
  }

  private static CancellationException cancelledWhileStarting(Task<?> starter) {
    return new CancellationException(starter.name() + " was cancelled while starting its tasks");
  }

  private <T> void startSlice(int from, int count, IntFunction<String> name, Body<T> body,
                              List<Future<T>> futures, Promise<List<Future<T>>> all, TaskImpl<?> starter) {
    if (all.future().isComplete()) {
      return;
    }
    long deadline = System.nanoTime() + SLICE_NANOS;
    int to = from;
    List<TaskImpl<T>> slice = new ArrayList<>();
    try {
      // A slice ends on time, not on a count: a cold JVM starts the first tasks a hundred times slower.
      while (to < count && (to % 64 != 0 || System.nanoTime() < deadline)) {
        if (starter != null && starter.isCancelled()) {
          // Cancelled meanwhile (an interrupted run, from another event loop): the tasks not started yet
          // never start, and those of this slice, which cancelAll may have missed, never run.
          slice.forEach(task -> task.cancel(starter.name()));
          all.tryFail(cancelledWhileStarting(starter));
          return;
        }
        TaskImpl<T> task = create(name.apply(to++), starter);
        slice.add(task);
        futures.add(task.future(starter));
      }
    } catch (RuntimeException e) {
      // A name that could not be made: what this slice created never runs, and the caller hears why.
      String by = starter == null ? TaskEnd.BY_RUNNER : starter.name();
      slice.forEach(task -> task.cancel(by));
      all.tryFail(e);
      return;
    }
    // The slice's tasks run on the next turns, in order, each on its own context: a queued turn runs them
    // for up to the same 10 ms, where start() queues one turn per task.
    ContextInternal here = (ContextInternal) vertx.getOrCreateContext();
    here.runOnContext(v -> eachInSlices(vertx, slice.size(), i -> {
        TaskImpl<T> task = slice.get(i);
        int index = from + i;
        task.context().dispatch(() -> run(task, () -> body.run(index, task.name())));
      })
      // What escapes run() reaches the context's exception handler, as it would from a plain loop.
      .onFailure(here::reportException));
    int next = to;
    if (next == count) {
      all.tryComplete(futures);
    } else {
      // The next slice comes by timer, not runOnContext: Netty runs the timers that fall due only once its
      // queue of tasks runs dry, so slices queued one after another would hold back every sleep of the
      // tasks already started (measured: a 50 ms timer fired after a second).
      vertx.setTimer(1, id -> startSlice(next, count, name, body, futures, all, starter));
    }
  }

  /**
   * Runs {@code body} for 0 … {@code count - 1} on the current context, about 10 ms at a time with a turn
   * of the event loop between slices: a loop over the results of a million fetches never holds the loop
   * past the slow-callback limit. Completes once every index has run, or fails with what {@code body} threw.
   */
  public static Future<Void> eachInSlices(Vertx vertx, int count, IntConsumer body) {
    Promise<Void> done = Promise.promise();
    eachSlice(vertx.getOrCreateContext(), 0, count, body, done);
    return done.future();
  }

  private static void eachSlice(Context context, int from, int count, IntConsumer body, Promise<Void> done) {
    long deadline = System.nanoTime() + SLICE_NANOS;
    int i = from;
    try {
      while (i < count && (i % 64 != 0 || i == from || System.nanoTime() < deadline)) {
        body.accept(i++);
      }
    } catch (RuntimeException e) {
      done.fail(e);
      return;
    }
    if (i == count) {
      done.complete();
    } else {
      int next = i;
      context.runOnContext(v -> eachSlice(context, next, count, body, done));
    }
  }

  private <T> void run(TaskImpl<T> task, Supplier<? extends Future<T>> body) {
    if (!task.begin()) {
      return;
    }
    running.incrementAndGet();
    recorder.record(task.id, EventType.START, "");
    Future<T> outcome;
    try {
      outcome = body.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(task);
  }

  /** Ends a task with its code's outcome, unless it was cancelled meanwhile. */
  <T> void settled(TaskImpl<T> task, T result, Throwable failure) {
    if (task.end(failure == null ? TaskState.SUCCEEDED : TaskState.FAILED)) {
      ended(task, failure == null ? EventType.FINISH : EventType.ERROR, failure == null ? "" : String.valueOf(failure.getMessage()));
      task.settle(result, failure);
    }
    if (running.decrementAndGet() == 0) {
      Promise<Void> waiting;
      synchronized (this) {
        // Checked again under the lock: a body begun since must be waited for too.
        waiting = running.get() == 0 ? whenIdle : null;
        if (waiting != null) {
          whenIdle = null;
        }
      }
      if (waiting != null) {
        waiting.tryComplete();
      }
    }
  }

  /**
   * Completes, on the caller's context, once no task's code is running: every body begun has ended,
   * those of cancelled tasks included. After {@link #cancelAll()} this is when what was cancelled has
   * finished cleaning up, as {@code asyncio.run} gathers the tasks it cancelled before it returns.
   */
  public Future<Void> idle() {
    ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
    Future<Void> done;
    synchronized (this) {
      if (running.get() == 0) {
        return caller.succeededFuture();
      }
      if (whenIdle == null) {
        whenIdle = Promise.promise();
      }
      done = whenIdle.future();
    }
    Promise<Void> here = caller.promise();
    done.onComplete(here);
    return here.future();
  }

  /**
   * A promise whose future completes on the current task's context, whoever completes it: the code that
   * composes on it carries on as the task that made it, not as the one that completed it (a plain
   * {@link Promise#promise()} runs it on the completer's context, so it would be recorded, and would cancel
   * other tasks, as that one). Outside any task, on the caller's context.
   */
  public <T> Promise<T> promise() {
    // ContextInternal.promise() is internal, and the only way to bind a promise to a context without a
    // CompletableFuture in between.
    return ((ContextInternal) vertx.getOrCreateContext()).promise();
  }

  /** Task bodies begun and not yet ended, cancelled ones included. */
  public int running() {
    return running.get();
  }

  /**
   * Calls {@code stop} if the current task is cancelled before {@code operation} completes, and returns
   * {@code operation}. asyncio stops a cancelled coroutine by raising {@code CancelledError} where it
   * awaits; a Vert.x future has no such point, so what the task waits on is told instead: a request is
   * reset, a queued operation leaves its queue. {@code stop} runs on the task's own context, at once if the
   * task is cancelled already. Outside a task it is never called.
   */
  public static <T> Future<T> onCancel(Future<T> operation, Runnable stop) {
    Context context = Vertx.currentContext();
    TaskImpl<?> task = context == null ? null : TaskLocal.CURRENT.get(context);
    if (task == null || operation.isComplete()) {
      return operation;
    }
    Wait wait = name -> task.context().runOnContext(v -> stop.run());
    if (task.addWait(wait)) {
      operation.onComplete(done -> task.removeWait(wait));
    } else {
      wait.cancel(task.name());
    }
    return operation;
  }

  /**
   * Records that the current task waits on {@code operation} until it completes: a {@code wait} event now,
   * a {@code wake} event then, both with the message {@code kind + " " + what}. {@code kind} says what
   * is waited on, {@code http} (what: the URL), {@code file} (the operation and the file's name),
   * {@code worker} (what runs there), {@code event-bus} (the node whose reply it awaits) or {@code future}:
   * what the report shows a task waiting on, beside its sleeps and the tasks it awaits, which are recorded
   * without this. A task that has ended records neither: a cancelled task's wait ends with it. Outside any
   * task it records nothing and returns {@code operation}; inside one, a future with its outcome that
   * completes once the wake is recorded, so that whatever the task does next comes after it.
   *
   * <p>The operation has begun already: what it records of the task itself before this call (a line
   * printed on a worker thread) comes before the wait. {@link #waitOn(String, String, Supplier)} begins
   * it after.
   */
  public static <T> Future<T> waitOn(String kind, String what, Future<T> operation) {
    return waitOn(kind, what, () -> operation);
  }

  /**
   * {@link #waitOn(String, String, Future)} for an operation that {@code start} begins once the wait is
   * recorded: blocking code may print on its worker thread at once, and must be seen waited on first.
   */
  public static <T> Future<T> waitOn(String kind, String what, Supplier<Future<T>> start) {
    TaskImpl<?> task = TaskImpl.current();
    if (task == null || task.state().isDone()) {
      return start.get();
    }
    String message = kind + " " + what;
    Recorder recorder = task.owner().recorder;
    recorder.record(task.id, task.name(), EventType.WAIT, Thread.currentThread().getName(), message);
    // What start throws goes to the caller, as it would without the wait; the task's end then ends the wait.
    Future<T> operation = start.get();
    // The caller gets a future completed only after the wake is recorded, not the operation itself: a
    // listener on the operation does not order the wake before the caller's own. When the operation
    // completes on another thread (a worker, the file system's pool), Vert.x queues the listeners it has
    // then to the context; one the caller adds after that, on the context's thread, sees a completed future
    // and runs at once. So the task went on (its next wait recorded, or its end, after which the queued
    // wake was dropped) before its wake: async-files' "exists input.txt" lost its wake 1 run in 3.
    return operation.andThen((result, failure) -> {
      if (!task.state().isDone()) {
        recorder.record(task.id, task.name(), EventType.WAKE, Thread.currentThread().getName(), message);
      }
    });
  }

  void observed(TaskImpl<?> task) {
    if (debug) {
      synchronized (this) {
        unobserved.remove(task);
      }
    }
  }

  void awaited(TaskImpl<?> task, TaskImpl<?> awaiter) {
    recorder.awaited(task.id, awaiter.id);
  }

  void cancelled(TaskImpl<?> task, String by) {
    ended(task, EventType.CANCEL, TaskEnd.CANCELLED_BY + by);
  }

  private void ended(TaskImpl<?> task, EventType type, String message) {
    synchronized (this) {
      unlink(task);
    }
    recorder.record(task.id, type, message);
  }

  private void link(TaskImpl<?> task) {
    task.previous = last;
    if (last == null) {
      first = task;
    } else {
      last.next = task;
    }
    last = task;
  }

  private void unlink(TaskImpl<?> task) {
    if (task.previous == null) {
      first = task.next;
    } else {
      task.previous.next = task.next;
    }
    if (task.next == null) {
      last = task.previous;
    } else {
      task.next.previous = task.previous;
    }
    task.previous = null;
    task.next = null;
  }

  /** The task whose code runs now, or {@code null} outside any task (like {@code asyncio.current_task()}). */
  public Task<?> current() {
    return currentTask();
  }

  /** The name of the current task, or {@code null} outside any task. */
  public String currentName() {
    return currentTaskName();
  }

  /** Records an event of the current task (or of none, outside this set of tasks) on the calling thread. */
  public void record(EventType type, String message) {
    Context context = Vertx.currentContext();
    TaskImpl<?> task = context == null ? null : TaskLocal.CURRENT.get(context);
    boolean ours = task != null && task.owner() == this;
    recorder.record(ours ? task.id : -1, ours ? task.name() : null, type, Thread.currentThread().getName(), message);
  }

  /** The number the current task's events are recorded under, or -1 outside this set of tasks. */
  public int currentId() {
    Context context = Vertx.currentContext();
    TaskImpl<?> task = context == null ? null : TaskLocal.CURRENT.get(context);
    return task == null || task.owner() != this ? -1 : task.id;
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
    Map<TaskImpl<?>, Throwable> forgotten;
    synchronized (this) {
      forgotten = new LinkedHashMap<>(unobserved);
    }
    forgotten.forEach((task, site) -> recorder.record(task.id, EventType.WARN, "task '" + task.name()
      + "' was never observed: nobody composed, joined or awaited its future, so its outcome went unseen. Created at:"
      + callerFrames(site)));
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

  private static boolean isOwnFrame(String cls) {
    for (Class<?> own : List.of(Tasks.class, TaskImpl.class)) {
      if (cls.equals(own.getName()) || cls.startsWith(own.getName() + "$")) {
        return true;
      }
    }
    return false;
  }

  /** The tasks not yet done, in the order they were started (like {@code asyncio.all_tasks()}). */
  public synchronized List<Task<?>> all() {
    List<Task<?>> live = new ArrayList<>();
    for (TaskImpl<?> task = first; task != null; task = task.next) {
      live.add(task);
    }
    return live;
  }

  /**
   * Completes after {@code ms} milliseconds, like {@code asyncio.sleep}. Inside a task the sleep belongs
   * to it: cancelling the task fails this future at once.
   */
  public Future<Void> sleep(long ms) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    TaskImpl<?> task = TaskLocal.CURRENT.get(context);
    // One clock reading for the event and the deadline: claims compute when the sleep was due from it. A task
    // already ended (cancelled, its code still running) records none: its sleep fails at once.
    long now = task != null && task.owner() == this && !task.state().isDone()
      ? recorder.recordNow(task.id, EventType.SLEEP, Long.toString(ms)) : System.nanoTime();
    return sleeps.after(context, now, ms, task);
  }

  /**
   * Cancels every task still live, e.g. the ones a scenario left behind when it ended: their
   * {@code cancel} events say the runner did. Called from another event loop than the tasks' own, it goes
   * over them again until none is left: a task may be started while it cancels the others.
   */
  public int cancelAll() {
    return cancelAll(TaskEnd.BY_RUNNER);
  }

  /** {@link #cancelAll()}, recording that {@code by} did it: {@link TaskEnd#BY_SIGNAL} for an interrupted run. */
  public int cancelAll(String by) {
    int cancelled = 0;
    int pass;
    do {
      pass = 0;
      for (Task<?> task : all()) {
        if (((TaskImpl<?>) task).cancel(by)) {
          pass++;
        }
      }
      cancelled += pass;
    } while (pass > 0);
    return cancelled;
  }
}
