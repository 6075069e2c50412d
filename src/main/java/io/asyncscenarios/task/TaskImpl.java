package io.asyncscenarios.task;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

final class TaskImpl<T> implements Task<T> {

  private final String name;
  private final Vertx vertx;
  private final ContextInternal context;
  private final Promise<T> promise;
  // The timers this task sleeps on, so that cancel() can clear them and wake the sleeper with a failure.
  private final Map<Long, Promise<Void>> sleeps = new LinkedHashMap<>();
  private volatile TaskState state = TaskState.PENDING;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile String thread;
  // Where the task was started, kept only in debug mode: capturing a stack costs microseconds.
  private final Throwable creationSite;
  private volatile boolean observed;
  // Set by Tasks, which owns the events and the registry that cancelling touches.
  private volatile Runnable onCancel;

  TaskImpl(String name, Vertx vertx, ContextInternal context, Promise<T> promise, Throwable creationSite) {
    this.name = name;
    this.vertx = vertx;
    this.context = context;
    this.promise = promise;
    this.creationSite = creationSite;
  }

  Throwable creationSite() {
    return creationSite;
  }

  /** Whether anyone asked for its future: composing, joining or awaiting a task all start there. */
  boolean observed() {
    return observed;
  }

  ContextInternal context() {
    return context;
  }

  /** Moves a pending task to running; false if it was cancelled before its turn came. */
  synchronized boolean begin() {
    if (state != TaskState.PENDING) {
      return false;
    }
    state = TaskState.RUNNING;
    startNanos = System.nanoTime();
    thread = Thread.currentThread().getName();
    return true;
  }

  /** Settles a live task; false if it had already ended (cancelled while its code still ran). */
  synchronized boolean end(TaskState outcome) {
    if (state.isDone()) {
      return false;
    }
    state = outcome;
    endNanos = System.nanoTime();
    return true;
  }

  void complete(T value) {
    promise.tryComplete(value);
  }

  void fail(Throwable cause) {
    promise.tryFail(cause);
  }

  synchronized void trackSleep(long timerId, Promise<Void> sleep) {
    sleeps.put(timerId, sleep);
  }

  synchronized void forgetSleep(long timerId) {
    sleeps.remove(timerId);
  }

  /** Clears and fails the pending sleeps; called once the task is cancelled. */
  void wakeSleepers() {
    Map<Long, Promise<Void>> pending;
    synchronized (this) {
      pending = new LinkedHashMap<>(sleeps);
      sleeps.clear();
    }
    pending.forEach((timerId, sleep) -> {
      vertx.cancelTimer(timerId);
      sleep.tryFail(new CancellationException(name + " was cancelled"));
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TaskState state() {
    return state;
  }

  @Override
  public Future<T> future() {
    observed = true;
    return promise.future();
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public long endNanos() {
    return endNanos;
  }

  @Override
  public String thread() {
    return thread;
  }

  void onCancel(Runnable action) {
    this.onCancel = action;
  }

  @Override
  public boolean cancel() {
    if (!end(TaskState.CANCELLED)) {
      return false;
    }
    wakeSleepers();
    onCancel.run();
    fail(new CancellationException(name + " was cancelled"));
    return true;
  }

  @Override
  public String toString() {
    return name + " (" + state.name().toLowerCase() + ")";
  }
}
