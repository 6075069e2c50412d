package io.asyncscenarios.record;

/**
 * One timestamped thing that happened during a scenario.
 *
 * @param tMs milliseconds since the scenario started, from the monotonic clock
 * @param task the name of the task it happened in, or {@code null} outside any task
 * @param type what happened
 * @param thread the thread it happened on
 * @param message what was printed or logged, or the reason of an error; empty for start and finish
 */
public record Event(double tMs, String task, EventType type, String thread, String message) {
}
