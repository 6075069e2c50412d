package io.asyncscenarios.cluster;

import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tasks other nodes send to it and replies with the result, the node that ran it and how long
 * it took. It listens on {@link #ADDRESS}, which every worker shares (the clustered event bus spreads
 * requests there round robin), and on {@link #addressOf(String)} its own node's address, where a
 * coordinator that must know which node holds a task sends it.
 *
 * <p>Stopping (SIGTERM, or undeploying) first stops taking tasks, then hands those in flight back: each
 * request fails with {@link #HANDED_BACK}, and its sender sends it again to another node at once.
 */
public class TaskWorker extends VerticleBase {

  public static final String ADDRESS = "async-scenarios.tasks";
  /** The failure code of a task handed back by a stopping worker. */
  public static final int HANDED_BACK = 503;

  private final ClusterNodes nodes;
  // Set once in start(); read by the status server, on its own event loop, from before then on.
  private volatile Tasks tasks;
  private String node;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> ownConsumer;
  private final Map<Task<Void>, Message<JsonObject>> inFlight = new LinkedHashMap<>();

  /** @param nodes the cluster of the Vert.x instance it is deployed on: its own node's id names its address */
  public TaskWorker(ClusterNodes nodes) {
    this.nodes = nodes;
  }

  @Override
  public Future<?> start() {
    tasks = new Tasks(vertx, new Recorder(event -> { }));
    node = nodes.self();
    consumer = vertx.eventBus().consumer(ADDRESS, this::handle);
    ownConsumer = vertx.eventBus().consumer(addressOf(node), this::handle);
    return Future.all(consumer.completion(), ownConsumer.completion());
  }

  /** The address where only the worker of {@code node} takes tasks. */
  public static String addressOf(String node) {
    return ADDRESS + "." + node;
  }

  private void handle(Message<JsonObject> message) {
    JsonObject spec = message.body();
    if (spec.getBoolean("ping", false)) {
      message.reply(new JsonObject().put("node", node));
      return;
    }
    String id = spec.getString("id");
    long start = System.nanoTime();
    Task<Void> task = tasks.start(id, () -> run(spec));
    inFlight.put(task, message);
    task.future().onComplete(done -> {
      if (inFlight.remove(task) == null) {
        return;
      }
      if (done.succeeded()) {
        message.reply(new JsonObject().put("id", id).put("attempt", spec.getInteger("attempt")).put("node", node)
          .put("ms", (System.nanoTime() - start) / 1e6));
      } else {
        message.fail(500, String.valueOf(done.cause().getMessage()));
      }
    });
  }

  private Future<Void> run(JsonObject spec) {
    long ms = spec.getLong("ms");
    if ("cpu".equals(spec.getString("kind"))) {
      // CPU-bound work belongs on a worker thread, never on the event loop.
      return vertx.executeBlocking(() -> {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long spins = 0;
        while (System.nanoTime() < end) {
          spins++;
        }
        return spins;
      }, false).mapEmpty();
    }
    return tasks.sleep(ms);
  }

  /** The tasks running here now, for the status endpoint. */
  public JsonArray liveTasks() {
    JsonArray live = new JsonArray();
    Tasks started = tasks;
    if (started == null) {
      return live;
    }
    started.all().forEach(task -> live.add(new JsonObject().put("name", task.name()).put("state", task.state().name().toLowerCase())
      .put("thread", task.thread())));
    return live;
  }

  public int inFlight() {
    return inFlight.size();
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumer.unregister(), ownConsumer.unregister()).andThen(v -> {
      List<Map.Entry<Task<Void>, Message<JsonObject>>> handedBack = new ArrayList<>(inFlight.entrySet());
      inFlight.clear();
      for (Map.Entry<Task<Void>, Message<JsonObject>> entry : handedBack) {
        entry.getKey().cancel();
        entry.getValue().fail(HANDED_BACK, "handed back: worker " + node + " is stopping");
      }
    });
  }
}
