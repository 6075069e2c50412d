package io.asyncscenarios.cluster;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which node holds which task of a distributed gather, and what became of every request sent for it.
 *
 * <p>A task waits for a result until its first reply; each request sent for it is one attempt, held by
 * the node it was sent to. When a node is lost, only the tasks whose current attempt it holds are sent
 * again. An earlier attempt stays outstanding until its reply or its timeout, and any reply after the
 * first is a duplicate: the count of duplicates is final only once nothing is outstanding.
 *
 * <p>Not thread-safe: the coordinator touches it from its own context only.
 */
public final class TaskLedger {

  /** What a reply was to its task. */
  public enum Reply {
    /** The task's first reply: its result. */
    FIRST,
    /** The task already had its result, or was given up: dropped, and counted. */
    DUPLICATE
  }

  /** Waiting tasks, each with the node its current attempt was sent to. */
  private final Map<String, String> holders = new LinkedHashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private int outstanding;
  private int requests;
  private int duplicates;

  /** Records a request for {@code id} sent to {@code node}; returns its attempt number, from 1. */
  public int sent(String id, String node) {
    holders.put(id, node);
    outstanding++;
    requests++;
    return attempts.merge(id, 1, Integer::sum);
  }

  /** Records a reply to one of {@code id}'s requests. */
  public Reply replied(String id) {
    outstanding--;
    if (holders.remove(id) != null) {
      return Reply.FIRST;
    }
    duplicates++;
    return Reply.DUPLICATE;
  }

  /**
   * Records that attempt {@code attempt} of {@code id} failed (no reply in time, refused, handed back);
   * returns whether the task should be sent again: only when it still waits and this was its latest attempt.
   */
  public boolean failed(String id, int attempt) {
    outstanding--;
    return holders.containsKey(id) && attempts.get(id) == attempt;
  }

  /** The waiting tasks whose latest attempt went to {@code node}, in the order they were first sent. */
  public List<String> heldBy(String node) {
    return holders.entrySet().stream().filter(e -> e.getValue().equals(node)).map(Map.Entry::getKey).toList();
  }

  /** Stops waiting for {@code id}: a reply that still comes for it is a duplicate. */
  public void giveUp(String id) {
    holders.remove(id);
  }

  public boolean waiting(String id) {
    return holders.containsKey(id);
  }

  /** The node {@code id}'s latest attempt went to, or {@code null} if it never was sent. */
  public String holder(String id) {
    return holders.get(id);
  }

  public int attempts(String id) {
    return attempts.getOrDefault(id, 0);
  }

  /** Requests sent whose reply or failure has not come yet: while any is, a duplicate may still arrive. */
  public int outstanding() {
    return outstanding;
  }

  public int requests() {
    return requests;
  }

  public int duplicates() {
    return duplicates;
  }
}
