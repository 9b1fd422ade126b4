package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditEntry;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.ChainVerification;
import fr.vigie.app.audit.CheckpointReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** The hash chain's rules: what an entry's hash covers, and how a chain is checked. */
public final class AuditChain {

  /** The previous-hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** Always six fraction digits, so that the text hashed does not depend on the value. */
  private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
      .appendInstant(6).toFormatter();

  /** The head of the chain: the last entry's id and hash (0 and GENESIS when empty). */
  public record Head(long lastId, String lastSha256) {}

  private AuditChain() {}

  /**
   * Returns the SHA-256 (hex) of the entry's fields and the previous hash. Fields are written as
   * length-prefixed UTF-8 so that no choice of values can make two entries hash alike.
   */
  public static String entryHash(long id, Instant occurredAt, AuditEvent e, String prevSha256) {
    MessageDigest sha = sha256();
    field(sha, Long.toString(id));
    field(sha, INSTANT.format(occurredAt));
    field(sha, e.actor());
    field(sha, e.actorRole());
    field(sha, e.action().name());
    field(sha, e.objectType());
    field(sha, e.objectId());
    field(sha, e.scopeUnitId() == null ? null : e.scopeUnitId().toString());
    field(sha, e.clientAddress());
    field(sha, e.outcome());
    field(sha, e.detail());
    field(sha, e.reason());
    field(sha, prevSha256);
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Checks every entry in id order: ids follow each other from 1, each links to the previous
   * hash, each hash recomputes, and the head names the last entry (so that removing the newest
   * entries is seen too).
   */
  public static ChainVerification verify(Head head, Consumer<Consumer<AuditEntry>> entries) {
    return verify(head, entries, List.of()).result();
  }

  /**
   * What a walk against checkpoints found: the outcome, how many checkpoints held, and the one
   * of the highest entry (null if none held).
   */
  public record Walk(ChainVerification result, int checked, CheckpointReport.Located lastChecked) {}

  /**
   * As {@link #verify(Head, Consumer)}, and against signed checkpoints (sorted by position):
   * each must name an entry of the chain with the same hash. A checkpoint beyond the last entry
   * means the newest entries were removed — even with the head moved back, which the chain
   * alone cannot show — and is reported at the first missing entry; one whose hash differs
   * means the log was rewritten, hashes recomputed, up to that entry.
   */
  public static Walk verify(Head head, Consumer<Consumer<AuditEntry>> entries,
      List<CheckpointReport.Located> checkpoints) {
    var state = new Object() {
      long expectedId = 1;
      String prev = GENESIS;
      ChainVerification.Broken broken;
      int next;
      int checked;
      CheckpointReport.Located lastChecked;
    };
    entries.accept(entry -> {
      if (state.broken != null) {
        return;
      }
      long verified = state.expectedId - 1;
      if (entry.id() != state.expectedId) {
        state.broken = new ChainVerification.Broken(state.expectedId, verified,
            "entry " + state.expectedId + " is missing (next found: " + entry.id() + ")");
      } else if (!entry.prevSha256().equals(state.prev)) {
        state.broken = new ChainVerification.Broken(entry.id(), verified,
            "previous-hash link does not match entry " + (entry.id() - 1));
      } else if (!entryHash(entry.id(), entry.occurredAt(), entry.event(), entry.prevSha256())
          .equals(entry.entrySha256())) {
        state.broken = new ChainVerification.Broken(entry.id(), verified,
            "content does not match its hash (edited)");
      } else {
        // Checkpoints below this id name entries the walk has passed: none (ids start at 1).
        while (state.next < checkpoints.size()
            && checkpoints.get(state.next).checkpoint().position() <= entry.id()) {
          CheckpointReport.Located cp = checkpoints.get(state.next++);
          if (!cp.checkpoint().sha256().equals(entry.entrySha256())) {
            state.broken = new ChainVerification.Broken(entry.id(), verified,
                "does not match the checkpoint " + cp.describe() + ": the log was rewritten "
                    + "up to this entry, its hashes recomputed"
                    + (state.lastChecked == null ? ""
                        : " (it held at entry " + state.lastChecked.checkpoint().position()
                            + ")"));
            return;
          }
          state.checked++;
          state.lastChecked = cp;
        }
        state.prev = entry.entrySha256();
        state.expectedId++;
      }
    });
    if (state.broken != null) {
      return new Walk(state.broken, state.checked, state.lastChecked);
    }
    long last = state.expectedId - 1;
    if (head.lastId() != last || !head.lastSha256().equals(state.prev)) {
      return new Walk(new ChainVerification.Broken(last + 1, last,
          "the head names entry " + head.lastId() + " but the log ends at entry " + last
              + " (entries removed from the end, or head altered)"), state.checked,
          state.lastChecked);
    }
    if (state.next < checkpoints.size()) {
      CheckpointReport.Located beyond = checkpoints.getLast();
      return new Walk(new ChainVerification.Broken(last + 1, last,
          "entries " + (last + 1) + " to " + beyond.checkpoint().position() + " are missing: "
              + "the checkpoint " + beyond.describe() + " names entry "
              + beyond.checkpoint().position() + " but the log ends at entry " + last
              + " (the newest entries removed and the head moved back)"), state.checked,
          state.lastChecked);
    }
    return new Walk(new ChainVerification.Intact(last), state.checked, state.lastChecked);
  }

  private static void field(MessageDigest sha, String value) {
    if (value == null) {
      sha.update((byte) 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) 1);
    sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
        (byte) (bytes.length >>> 8), (byte) bytes.length});
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
