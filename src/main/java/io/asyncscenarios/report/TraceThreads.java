package io.asyncscenarios.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes and threads of a trace: one process per cluster node, numbered from 1 with this node first,
 * and one thread per thread name within it. Thread numbers are unique across the whole trace, as an
 * operating system's are: a viewer that follows Linux's rules (Perfetto does) takes a thread number seen in
 * two processes for one thread that moved.
 */
final class TraceThreads {

  /** This node's process. */
  static final int SELF = 1;
  /** The track that holds one slice per scenario, in this node's process. */
  static final String SCENARIOS = "(scenarios)";

  private final Map<String, Integer> pids = new LinkedHashMap<>();
  private final List<String> nodes = new ArrayList<>();
  private final List<Map<String, Integer>> tids = new ArrayList<>();
  private final Map<Integer, String> threadNames = new LinkedHashMap<>();
  private final Map<Integer, Integer> threadPids = new HashMap<>();

  /** @param self this node's id, {@code local} when not clustered */
  TraceThreads(String self) {
    pid(self);
    tid(SELF, SCENARIOS);
  }

  /** The process of a node, numbered on first sight. */
  int pid(String node) {
    Integer pid = pids.get(node);
    if (pid == null) {
      pid = pids.size() + 1;
      pids.put(node, pid);
      nodes.add(node);
      tids.add(new LinkedHashMap<>());
    }
    return pid;
  }

  /** The thread of that name in a process, numbered on first sight. */
  int tid(int pid, String thread) {
    String name = thread == null || thread.isEmpty() ? "(unknown thread)" : thread;
    return tids.get(pid - 1).computeIfAbsent(name, n -> {
      int tid = threadNames.size() + 1;
      threadNames.put(tid, n);
      threadPids.put(tid, pid);
      return tid;
    });
  }

  /** The node of a process. */
  String node(int pid) {
    return nodes.get(pid - 1);
  }

  /** Node id by process number, in process order. */
  Map<Integer, String> processes() {
    Map<Integer, String> byPid = new LinkedHashMap<>();
    pids.forEach((node, pid) -> byPid.put(pid, node));
    return byPid;
  }

  /** Thread name by thread number, in the order they were first seen. */
  Map<Integer, String> threads() {
    return threadNames;
  }

  int pidOf(int tid) {
    return threadPids.get(tid);
  }

  /** A thread of the process to give its metadata events: the first one seen in it. */
  int firstTid(int pid) {
    return tids.get(pid - 1).values().stream().findFirst().orElse(0);
  }
}
