package io.asyncscenarios.record;

import io.asyncscenarios.claim.Tolerance;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.config.ParamSpec;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A finished scenario as its claims see it: the recorded events, what the scenario returned, and the
 * settings it ran with.
 */
public final class Timeline {

  private final List<Event> events;
  private final JsonObject result;
  private final JsonObject params;
  private final double timeScale;
  private final Tolerance tolerance;

  public Timeline(List<Event> events, JsonObject result, JsonObject params, double timeScale, Tolerance tolerance) {
    this.events = List.copyOf(events);
    this.result = result == null ? new JsonObject() : result;
    this.params = params;
    this.timeScale = timeScale;
    this.tolerance = tolerance;
  }

  public List<Event> events() {
    return events;
  }

  /** The scenario's result; a scenario whose result is not an object has it under {@code value}. */
  public JsonObject result() {
    return result;
  }

  /** The parameters the scenario ran with, every key filled in. */
  public JsonObject params() {
    return params;
  }

  /** A list-of-durations parameter, in the tutorial's seconds. */
  public List<Double> secondsList(String key) {
    return ParamSpec.secondsList(params, key);
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  /** Milliseconds that {@code seconds} of the tutorial last at this run's time scale. */
  public double scaled(double seconds) {
    return seconds * 1000 * timeScale;
  }

  /** Held when {@code actualMs} is about {@code seconds} of the tutorial at this time scale. */
  public Verdict about(double seconds, double actualMs) {
    return Verdict.about(scaled(seconds), actualMs, tolerance);
  }

  /** What was printed, in order. */
  public List<String> printed() {
    return messages(e -> e.type() == EventType.PRINT);
  }

  public List<String> messages(Predicate<Event> filter) {
    return events.stream().filter(filter).map(Event::message).collect(Collectors.toList());
  }

  /** The names of the tasks that finished, in the order they finished. */
  public List<String> finishOrder(Predicate<String> taskFilter) {
    return events.stream()
      .filter(e -> e.type() == EventType.FINISH && taskFilter.test(e.task()))
      .map(Event::task)
      .collect(Collectors.toList());
  }

  public double startOf(String task) {
    return find(task, EventType.START).tMs();
  }

  /** When the task ended, whether it finished, failed or was cancelled. */
  public double endOf(String task) {
    return events.stream()
      .filter(e -> task.equals(e.task()) && (e.type() == EventType.FINISH || e.type() == EventType.ERROR || e.type() == EventType.CANCEL))
      .findFirst()
      .orElseThrow(() -> new NoSuchElementException("task '" + task + "' never ended"))
      .tMs();
  }

  public double durationOf(String task) {
    return endOf(task) - startOf(task);
  }

  /** When a line was first printed. */
  public double printedAt(String message) {
    return events.stream()
      .filter(e -> e.type() == EventType.PRINT && message.equals(e.message()))
      .findFirst()
      .orElseThrow(() -> new NoSuchElementException("'" + message + "' was never printed"))
      .tMs();
  }

  /** The first task started: the one the scenario itself runs as. */
  public String mainTask() {
    return events.stream().filter(e -> e.type() == EventType.START).findFirst()
      .orElseThrow(() -> new NoSuchElementException("no task ever started")).task();
  }

  /** How long the scenario's main task ran. */
  public double totalMs() {
    return durationOf(mainTask());
  }

  private Event find(String task, EventType type) {
    return events.stream()
      .filter(e -> task.equals(e.task()) && e.type() == type)
      .findFirst()
      .orElseThrow(() -> new NoSuchElementException("task '" + task + "' has no " + type.label() + " event"));
  }
}
