package io.asyncscenarios.task;

import io.asyncscenarios.record.TaskEnd;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A task, kept lean: a million of them may wait at once, so it holds only what every task uses, and
 * makes room for more than one pending sleep only when a task has them. It listens to its own code's
 * outcome itself ({@link Completable}), which saves a callback object per task.
 */
final class TaskImpl<T> implements Task<T>, Completable<T> {

  private final String name;
  // The number its events are recorded under.
  final int id;
  private final Tasks owner;
  private final ContextInternal context;
  private final Promise<T> promise;
  private volatile TaskState state = TaskState.PENDING;
  private volatile String thread;
  private volatile boolean observed;
  // Whether a task has asked for its outcome: only the first one is recorded as its awaiter.
  private volatile boolean awaited;
  // What the task waits on and must tell when it is cancelled (sleeps, requests): null, one Wait, or a
  // list of them.
  private Object waits;
  // Neighbours in the owner's list of live tasks, guarded by the owner.
  TaskImpl<?> previous;
  TaskImpl<?> next;

  TaskImpl(String name, int id, Tasks owner, ContextInternal context, Promise<T> promise) {
    this.name = name;
    this.id = id;
    this.owner = owner;
    this.context = context;
    this.promise = promise;
  }

  /** The context of its own that its code runs on. */
  ContextInternal context() {
    return context;
  }

  Tasks owner() {
    return owner;
  }


  /** Moves a pending task to running; false if it was cancelled before its turn came. */
  synchronized boolean begin() {
    if (state != TaskState.PENDING) {
      return false;
    }
    state = TaskState.RUNNING;
    thread = Thread.currentThread().getName();
    return true;
  }

  /** Settles a live task; false if it had already ended (cancelled while its code still ran). */
  synchronized boolean end(TaskState outcome) {
    if (state.isDone()) {
      return false;
    }
    state = outcome;
    return true;
  }

  /** The outcome of the task's code. */
  @Override
  public void complete(T result, Throwable failure) {
    owner.settled(this, result, failure);
  }

  void settle(T result, Throwable failure) {
    if (failure == null) {
      promise.tryComplete(result);
    } else {
      promise.tryFail(failure);
    }
  }

  /** Remembers a pending wait; false if the task was cancelled, in which case the wait must not go on. */
  @SuppressWarnings("unchecked")
  synchronized boolean addWait(Wait wait) {
    if (state == TaskState.CANCELLED) {
      return false;
    }
    if (waits == null) {
      waits = wait;
    } else if (waits instanceof List<?> list) {
      ((List<Wait>) list).add(wait);
    } else {
      List<Wait> list = new ArrayList<>();
      list.add((Wait) waits);
      list.add(wait);
      waits = list;
    }
    return true;
  }

  synchronized void removeWait(Wait wait) {
    if (waits == wait) {
      waits = null;
    } else if (waits instanceof List<?> list) {
      list.remove(wait);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Wait> takeWaits() {
    synchronized (this) {
      Object pending = waits;
      waits = null;
      return pending == null ? List.of()
        : pending instanceof List<?> list ? (List<Wait>) list : List.of((Wait) pending);
    }
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
    return future(current());
  }

  /**
   * The outcome, asked for by {@code asker} (the current task, or {@code null} outside any): composing,
   * joining or awaiting a task all start here, so from now on its outcome is seen, and the first other
   * task of the same set that asks is the one that awaits it, as {@code await task} or {@code gather(task)}.
   */
  Future<T> future(TaskImpl<?> asker) {
    if (!observed) {
      observed = true;
      owner.observed(this);
    }
    if (!awaited && asker != null && asker != this && asker.owner == owner) {
      awaited = true;
      owner.awaited(this, asker);
    }
    return promise.future();
  }

  /** The task whose code runs now, whichever set it belongs to, or {@code null}. */
  static TaskImpl<?> current() {
    Context context = Vertx.currentContext();
    return context == null ? null : TaskLocal.CURRENT.get(context);
  }

  @Override
  public String thread() {
    return thread;
  }

  /** Cancelled by the current task, or outside any task by the runner, which is the only code there. */
  @Override
  public boolean cancel() {
    TaskImpl<?> by = current();
    return cancel(by == null ? TaskEnd.BY_RUNNER : by.name());
  }

  /** Cancels the task, recording that {@code by} (a task's name, the runner, a signal) did. */
  boolean cancel(String by) {
    if (!end(TaskState.CANCELLED)) {
      return false;
    }
    takeWaits().forEach(wait -> wait.cancel(name));
    owner.cancelled(this, by);
    promise.tryFail(new CancellationException(name + " was cancelled"));
    return true;
  }

  @Override
  public String toString() {
    return name + " (" + state.name().toLowerCase() + ")";
  }
}
