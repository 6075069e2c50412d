package io.asyncscenarios.scenario;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.io.Fetcher;
import io.asyncscenarios.io.HttpOptions;
import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One scenario of the tutorial as a verticle: deploying it runs the scenario as its main task, and the
 * deployment completes when the scenario does.
 *
 * <p>Subclasses hold the tutorial's functions in its order and names, then {@link #run()} as its
 * {@code main()}, then their {@link #claims()}; they print through {@link #print} and wait through
 * {@link #sleep}, so that every line and every wait lands in the recorded timeline.
 */
public abstract class Scenario extends VerticleBase {

  protected Tasks tasks;
  private Recorder recorder;
  private Settings settings;
  private Object result;

  /**
   * What a scenario runs with besides its own parameters (which come as its deployment's {@code config()}).
   *
   * @param timeScale how long one of the tutorial's seconds lasts, in seconds
   * @param seed the seed of every random choice, so that a run can be repeated
   * @param workDir the folder the file scenarios work in
   * @param slowCallbackMs how long a callback may hold an event loop before debug mode reports it
   * @param http how the HTTP scenarios fetch
   * @param fetcher the run's one HTTP client, for the scenarios the catalogue says fetch; {@code null} for the others
   * @param nodes the cluster this run is a node of, read from the cluster manager its Vert.x was built with;
   *              not clustered, a cluster of one node
   */
  public record Settings(double timeScale, long seed, String workDir, long slowCallbackMs, HttpOptions http, Fetcher fetcher,
                         ClusterNodes nodes) {
  }

  /** Hands the scenario what it runs with; called by the runner before deployment. */
  public final Scenario bind(Settings settings, Tasks tasks, Recorder recorder) {
    this.settings = settings;
    this.tasks = tasks;
    this.recorder = recorder;
    return this;
  }

  /** The run's shared HTTP client: made by the runner, closed with the run, not with the scenario. */
  protected Fetcher fetcher() {
    if (settings.fetcher() == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " fetches, but its catalogue entry does not say so");
    }
    return settings.fetcher();
  }

  @Override
  public final Future<?> start() {
    return tasks.start(() -> run().map(value -> (Object) value))
      .future()
      .onSuccess(value -> result = value);
  }

  /**
   * The tutorial's {@code main()} in Vert.x terms, after the tutorial's own functions; its future's value
   * becomes the report's {@code result}.
   */
  protected abstract Future<?> run();

  /** What this scenario claims about its own run, checked on its timeline once it has ended. */
  public List<Claim> claims() {
    return List.of();
  }

  /** What {@link #run()} returned, or {@code null} before it ended or when it failed. */
  public Object result() {
    return result;
  }

  /** Prints a line for people and records it as a {@code print} event of the current task. */
  protected void print(String format, Object... args) {
    record(EventType.PRINT, args.length == 0 ? format : String.format(format, args));
  }

  protected void record(EventType type, String message) {
    tasks.record(type, message);
  }

  /** Waits {@code seconds} of the tutorial's time without blocking, like {@code asyncio.sleep}. */
  protected Future<Void> sleep(double seconds) {
    return tasks.sleep(millis(seconds));
  }

  /** Milliseconds that {@code seconds} of the tutorial last at this run's time scale. */
  protected long millis(double seconds) {
    return Math.round(seconds * 1000 * settings.timeScale());
  }

  protected Recorder recorder() {
    return recorder;
  }

  protected Settings settings() {
    return settings;
  }

  /** A duration parameter of this scenario, in the tutorial's seconds. */
  protected double seconds(String key) {
    return config().getDouble(key);
  }

  /** A list-of-durations parameter of this scenario, in the tutorial's seconds. */
  protected List<Double> secondsList(String key) {
    return ParamSpec.secondsList(config(), key);
  }

  /** A list-of-strings parameter of this scenario. */
  protected List<String> strings(String key) {
    return config().getJsonArray(key).stream().map(String::valueOf).collect(Collectors.toList());
  }
}
