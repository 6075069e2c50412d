package io.asyncscenarios.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coordinator's bookkeeping, as a frozen node plays it out: four tasks held by each of two nodes. */
class TaskLedgerTest {

  private final TaskLedger ledger = new TaskLedger();

  private void sendEightOverTwoNodes() {
    for (int i = 1; i <= 8; i++) {
      ledger.sent("task-" + i, i % 2 == 0 ? "b" : "a");
    }
  }

  @Test
  void aLostNodeAccountsForExactlyTheTasksItHolds() {
    sendEightOverTwoNodes();
    ledger.replied("task-2");

    assertEquals(List.of("task-1", "task-3", "task-5", "task-7"), ledger.heldBy("a"));
    assertEquals(List.of("task-4", "task-6", "task-8"), ledger.heldBy("b"), "a task with its result is held by nobody");
  }

  @Test
  void aReSentTaskIsHeldByItsNewNodeOnly() {
    sendEightOverTwoNodes();
    assertEquals(2, ledger.sent("task-1", "b"));

    assertEquals("b", ledger.holder("task-1"));
    assertFalse(ledger.heldBy("a").contains("task-1"));
    assertTrue(ledger.heldBy("b").contains("task-1"));
  }

  @Test
  void theFailureOfASupersededAttemptDoesNotSendTheTaskAgain() {
    ledger.sent("task-1", "a");
    ledger.sent("task-1", "b");

    assertFalse(ledger.failed("task-1", 1), "attempt 1 timed out after attempt 2 was sent");
    assertTrue(ledger.failed("task-1", 2), "the latest attempt failing is what re-sends");
  }

  @Test
  void aFailureAfterTheResultDoesNotSendTheTaskAgain() {
    ledger.sent("task-1", "a");
    ledger.sent("task-1", "b");
    ledger.replied("task-1");

    assertFalse(ledger.failed("task-1", 2));
  }

  @Test
  void everyReplyAfterTheFirstIsCountedAsADuplicate() {
    ledger.sent("task-1", "a");
    ledger.sent("task-1", "b");

    assertEquals(TaskLedger.Reply.FIRST, ledger.replied("task-1"));
    assertEquals(TaskLedger.Reply.DUPLICATE, ledger.replied("task-1"));
    assertEquals(1, ledger.duplicates());
  }

  @Test
  void aReplyForATaskGivenUpIsADuplicate() {
    ledger.sent("task-1", "a");
    ledger.giveUp("task-1");

    assertFalse(ledger.waiting("task-1"));
    assertEquals(TaskLedger.Reply.DUPLICATE, ledger.replied("task-1"));
  }

  @Test
  void requestsStayOutstandingUntilAnsweredOrFailedSoTheDuplicateCountIsFinalOnlyAtZero() {
    sendEightOverTwoNodes();
    for (String id : ledger.heldBy("a")) {
      ledger.sent(id, "b");
    }
    assertEquals(12, ledger.outstanding());
    for (int i = 1; i <= 8; i++) {
      ledger.replied("task-" + i);
    }
    assertEquals(4, ledger.outstanding(), "node a's four requests may still answer");

    ledger.replied("task-1");
    ledger.failed("task-3", 1);
    ledger.failed("task-5", 1);
    ledger.replied("task-7");

    assertEquals(0, ledger.outstanding());
    assertEquals(12, ledger.requests());
    assertEquals(2, ledger.duplicates());
  }
}
