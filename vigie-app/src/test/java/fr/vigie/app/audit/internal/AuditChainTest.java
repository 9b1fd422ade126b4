package fr.vigie.app.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEntry;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.ChainVerification;
import fr.vigie.app.audit.Checkpoint;
import fr.vigie.app.audit.CheckpointReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain walked against checkpoints, on entries made here (no database). */
class AuditChainTest {

  static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

  /** A chain of {@code n} well-linked entries. */
  static List<AuditEntry> chain(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (long id = 1; id <= n; id++) {
      AuditEvent e = AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", id, null,
          "192.0.2.1");
      Instant at = T0.plusSeconds(id);
      String hash = AuditChain.entryHash(id, at, e, prev);
      entries.add(new AuditEntry(id, at, e, prev, hash));
      prev = hash;
    }
    return entries;
  }

  static CheckpointReport.Located at(AuditEntry e, long line) {
    return at(e.id(), e.entrySha256(), line);
  }

  static CheckpointReport.Located at(long position, String sha, long line) {
    return new CheckpointReport.Located(new Checkpoint(position, sha, T0, "interval", "vm",
        "ed25519:0123456789abcdef", "AA=="), "checkpoints-vm.jsonl", line);
  }

  static AuditChain.Walk walk(List<AuditEntry> entries, List<CheckpointReport.Located> cps) {
    AuditEntry last = entries.isEmpty() ? null : entries.getLast();
    AuditChain.Head head = last == null ? new AuditChain.Head(0, AuditChain.GENESIS)
        : new AuditChain.Head(last.id(), last.entrySha256());
    return AuditChain.verify(head, entries::forEach, cps);
  }

  @Test
  void holdsWhenEveryCheckpointNamesAnEntryWithItsHash() {
    List<AuditEntry> c = chain(10);
    AuditChain.Walk w = walk(c, List.of(at(c.get(0), 1), at(c.get(4), 2), at(c.get(4), 3),
        at(c.get(9), 4)));
    assertEquals(new ChainVerification.Intact(10), w.result());
    assertEquals(4, w.checked(), "two checkpoints of one entry (an interval and an export)");
    assertEquals(4, w.lastChecked().line());
  }

  @Test
  void findsTheTailRemovedAndTheHeadMovedBackAtItsFirstMissingEntry() {
    List<AuditEntry> full = chain(10);
    List<AuditEntry> cut = full.subList(0, 6);
    AuditChain.Walk w = walk(cut, List.of(at(full.get(2), 1), at(full.get(7), 2),
        at(full.get(9), 3)));
    ChainVerification.Broken b = assertInstanceOf(ChainVerification.Broken.class, w.result());
    assertEquals(7, b.entryId());
    assertEquals(6, b.verifiedBefore());
    assertEquals("entries 7 to 10 are missing: the checkpoint entry 10 of 2026-10-01T08:00:00Z "
        + "(checkpoints-vm.jsonl, line 3) names entry 10 but the log ends at entry 6 (the "
        + "newest entries removed and the head moved back)", b.reason());
    assertEquals(1, w.checked());
    assertEquals(3, w.lastChecked().checkpoint().position());
  }

  @Test
  void findsAnEntryWhoseHashIsNotTheOneSigned() {
    List<AuditEntry> c = chain(6);
    AuditChain.Walk w = walk(c, List.of(at(c.get(1), 1), at(4, "cd".repeat(32), 2)));
    ChainVerification.Broken b = assertInstanceOf(ChainVerification.Broken.class, w.result());
    assertEquals(4, b.entryId());
    assertTrue(b.reason().startsWith("does not match the checkpoint entry 4 of ")
        && b.reason().endsWith("(it held at entry 2)"), b.reason());
    assertEquals(2, w.lastChecked().checkpoint().position());
  }

  @Test
  void anEmptyLogWithACheckpointIsMissingEverything() {
    ChainVerification.Broken b = assertInstanceOf(ChainVerification.Broken.class,
        walk(List.of(), List.of(at(3, "ab".repeat(32), 1))).result());
    assertEquals(1, b.entryId());
    assertTrue(b.reason().startsWith("entries 1 to 3 are missing"), b.reason());
  }
}
