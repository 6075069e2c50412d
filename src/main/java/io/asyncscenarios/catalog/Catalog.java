package io.asyncscenarios.catalog;

import io.asyncscenarios.io.TextFiles;
import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.param.Range;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.scenario.asyncio.EventLoopScenario;
import io.asyncscenarios.scenario.asyncio.FuturesScenario;
import io.asyncscenarios.scenario.asyncio.TasksScenario;
import io.asyncscenarios.scenario.cluster.DistributedGatherScenario;
import io.asyncscenarios.scenario.concurrency.CreateTaskScenario;
import io.asyncscenarios.scenario.concurrency.GatherResultsScenario;
import io.asyncscenarios.scenario.debugging.DebugModeScenario;
import io.asyncscenarios.scenario.debugging.LoggingScenario;
import io.asyncscenarios.scenario.debugging.TaskMonitorScenario;
import io.asyncscenarios.scenario.errors.ErrorHandlingScenario;
import io.asyncscenarios.scenario.errors.GatherErrorsScenario;
import io.asyncscenarios.scenario.functions.AsyncDefScenario;
import io.asyncscenarios.scenario.functions.AwaitChainScenario;
import io.asyncscenarios.scenario.intro.CoroutineBasicsScenario;
import io.asyncscenarios.scenario.intro.GatherBasicsScenario;
import io.asyncscenarios.scenario.intro.SyncVsAsyncScenario;
import io.asyncscenarios.scenario.streams.AsyncFilesScenario;
import io.asyncscenarios.scenario.streams.DownloadAndSaveScenario;
import io.asyncscenarios.scenario.streams.HttpFetchScenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every scenario the application knows, in the tutorial's order: the one place that holds their ids,
 * titles, tutorial sections (with the lines that find their programs in the tutorial) and parameters.
 */
public final class Catalog {

  private static final Catalog STANDARD = new Catalog()
    .tutorial("sync-vs-async", "Blocking one after another, then concurrently: sum vs max",
      "동기 vs 비동기 (sync vs async)", SyncVsAsyncScenario::new,
      anchors("def sync_task(name, duration):", "async def async_task(name, duration):"),
      ParamSpec.of().secondsList("durations", 2, 3, 1))
    .tutorial("coroutine-basics", "Greetings one after another, each awaiting a sleep",
      "기본적인 예시 (greet)", CoroutineBasicsScenario::new,
      anchors("await greet(\"Alice\")"),
      ParamSpec.of().strings("names", "Alice", "Bob", "Charlie").seconds("delay", 1))
    .tutorial("gather-basics", "Two tasks gathered: the shorter finishes first",
      "조금 복잡한 예시 (task1/task2)", GatherBasicsScenario::new,
      anchors("print(\"Task 1 started\")"),
      ParamSpec.of().seconds("task1", 2).seconds("task2", 1))
    .tutorial("event-loop", "Hello / World on a hand-made loop, then on the application's loop",
      "이벤트 루프 (hello_world)", EventLoopScenario::new,
      anchors("loop.run_until_complete(hello_world())", "asyncio.run(hello_world())"),
      ParamSpec.of().seconds("delay", 1))
    .tutorial("tasks", "Tasks run from the moment they are created",
      "Tasks (create_task)", TasksScenario::new,
      anchors("async def task_coroutine(name, delay):"),
      ParamSpec.of().seconds("a", 2).seconds("b", 1))
    .tutorial("futures", "A promise completed later by another operation",
      "Futures (set_future_value)", FuturesScenario::new,
      anchors("async def set_future_value(future):"),
      ParamSpec.of().seconds("delay", 1))
    .tutorial("async-def", "An asynchronous function returns a future of its value",
      "async def (greet returns a value)", AsyncDefScenario::new,
      anchors("return f\"Hello, {name}!\""),
      ParamSpec.of().string("name", "Alice"))
    .tutorial("await-chain", "Fetch then process, for three URLs at once",
      "await (fetch_data → process_data)", AwaitChainScenario::new,
      anchors("async def fetch_and_process(url):"),
      ParamSpec.of()
        .strings("urls", "http://example.com", "http://example.org", "http://example.net")
        .seconds("fetchMin", 0.5).seconds("fetchMax", 2).seconds("process", 0.5))
    .tutorial("gather-results", "Gathered results come back in input order",
      "asyncio.gather()", GatherResultsScenario::new,
      anchors("async def fetch_data(name, delay):"),
      // Each waiting task costs a few hundred bytes: ten million fit in this machine's default heap.
      ParamSpec.of().secondsList("durations", 3, 2, 4).optionalCount("count", 10_000_000))
    .tutorial("create-task", "Background tasks overlap the other work",
      "asyncio.create_task()", CreateTaskScenario::new,
      anchors("async def long_running_task(name, delay):"),
      ParamSpec.of().secondsList("durations", 3, 2, 4).seconds("otherWork", 1))
    .tutorial("async-files", "aiofiles: read, upper-case and write files without blocking",
      "aiofiles", AsyncFilesScenario::new,
      anchors("async def process_file(input_file, output_file):"),
      // A bound on the input, so that a file growing without end cannot fill the disk; at most 1 TiB, half an
      // hour at the measured speed.
      ParamSpec.of().optionalString("input").integer("maxInputBytes", TextFiles.DEFAULT_MAX_INPUT, Range.atLeast(1).atMost(1L << 40))
        .check(AsyncFilesScenario::checkInput))
    .fetching("http-fetch", "aiohttp: fetch several sites at once with one client",
      "aiohttp", HttpFetchScenario::new,
      anchors("async def download_sites(sites):"),
      ParamSpec.of())
    .fetching("download-and-save", "aiohttp + aiofiles: stream each page straight to a file",
      "aiofiles + aiohttp", DownloadAndSaveScenario::new,
      anchors("async def download_and_save(session, url, folder):"),
      ParamSpec.of())
    .tutorial("error-handling", "A failure caught with recover, as try/except",
      "try/except", ErrorHandlingScenario::new,
      anchors("async def risky_operation():"),
      ParamSpec.of().seconds("delay", 1).string("message", "This is a test error"))
    .tutorial("gather-errors", "Future.join keeps every outcome, as return_exceptions=True",
      "gather(return_exceptions=True)", GatherErrorsScenario::new,
      anchors("results = await asyncio.gather(task1(), task2(), return_exceptions=True)"),
      ParamSpec.of().seconds("failAfter", 1).seconds("succeedAfter", 2))
    .tutorial("debug-mode", "Debug mode reports a forgotten task and a blocked event loop",
      "디버깅 (debug mode)", DebugModeScenario::new,
      anchors("일반 모드", "디버그 모드"),
      ParamSpec.of().integer("blockMs", 300, Range.atLeast(0).atMost(10_000)).debugByDefault())
    .tutorial("logging", "DEBUG records from concurrent tasks, with their thread and task",
      "logging", LoggingScenario::new,
      anchors("logging.basicConfig(level=logging.DEBUG)"),
      ParamSpec.of().seconds("delay", 1))
    .tutorial("task-monitor", "A monitor task lists the current and the live tasks",
      "current_task / all_tasks", TaskMonitorScenario::new,
      anchors("async def monitor():"),
      ParamSpec.of().seconds("delay", 1).seconds("interval", 0.5))
    .extra("distributed-gather", "A gather whose tasks run on other nodes of a cluster",
      "beyond the tutorial: clustering", DistributedGatherScenario::new,
      ParamSpec.of()
        .integer("count", 8, Range.atLeast(1).atMost(100_000))
        .secondsList("durations", 1, 2, 1.5, 0.5)
        .choice("kind", "sleep", "sleep", "cpu")
        .integer("replyGraceMs", 3000, Range.atLeast(1).atMost(600_000))
        .integer("maxAttempts", 4, Range.atLeast(1).atMost(100))
        .integer("workerWaitSeconds", 15, Range.atLeast(0).atMost(3600)));

  private final List<ScenarioInfo> entries = new ArrayList<>();

  /** A scenario beyond the tutorial: listed and selectable, not run by default, no tutorial program to show. */
  private Catalog extra(String id, String title, String section, Supplier<? extends Scenario> factory, ParamSpec params) {
    return add(new ScenarioInfo(id, title, section, List.of(), false, false, params, factory));
  }

  /** The catalogue of this application. */
  public static Catalog standard() {
    return STANDARD;
  }

  private Catalog tutorial(String id, String title, String section, Supplier<? extends Scenario> factory,
                           List<String> anchors, ParamSpec params) {
    return add(new ScenarioInfo(id, title, section, anchors, true, false, params, factory));
  }

  /** A tutorial scenario that fetches over HTTP: the runner makes the run's one client for it. */
  private Catalog fetching(String id, String title, String section, Supplier<? extends Scenario> factory,
                           List<String> anchors, ParamSpec params) {
    return add(new ScenarioInfo(id, title, section, anchors, true, true, params, factory));
  }

  /** Where the tutorial shows what a scenario mirrors: a line of each of its programs (see {@link ScenarioInfo#anchors}). */
  private static List<String> anchors(String... lines) {
    return List.of(lines);
  }

  private Catalog add(ScenarioInfo info) {
    entries.add(info);
    return this;
  }

  public List<ScenarioInfo> all() {
    return List.copyOf(entries);
  }

  /** What runs when the configuration selects nothing: every tutorial scenario, in catalogue order. */
  public List<ScenarioInfo> defaults() {
    return entries.stream().filter(ScenarioInfo::inDefault).collect(Collectors.toList());
  }

  public Optional<ScenarioInfo> find(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return entries.stream().map(ScenarioInfo::id).collect(Collectors.toList());
  }
}
