package fr.vigie.app.audit;

import fr.vigie.app.audit.internal.AuditChain;
import fr.vigie.app.audit.internal.JdbcAuditLog;
import fr.vigie.app.security.Access;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained audit log. Each entry carries the SHA-256 of the one before, so
 * that changing or removing any entry breaks the chain from there on ({@link #verify()}).
 *
 * <p>Appends are serialised through a one-row head table locked FOR UPDATE, which works the same
 * for several Vigie nodes on one PostgreSQL. Each append commits in its own transaction: an
 * access that fails, or whose transaction rolls back, stays on the record.
 *
 * <p>Every {@code vigie.audit.checkpoint-every} entries, or at the first entry once {@code
 * vigie.audit.checkpoint-interval} has passed, the appending node signs a checkpoint of the entry
 * it appended into a folder outside the database ({@link AuditCheckpoints}), so that removing
 * the newest entries and moving the head back is found by {@link #verify()} too.
 */
@Service
public class AuditLog {

  private final JdbcAuditLog store;
  private final AuditCheckpoints checkpoints;
  private final AuditSettings settings;
  private final Clock clock;

  AuditLog(JdbcAuditLog store, AuditCheckpoints checkpoints, AuditSettings settings,
      Clock clock) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.settings = settings;
    this.clock = clock;
  }

  /** Appends the event and returns the stored entry. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry record(AuditEvent event) {
    return append(event);
  }

  /**
   * Appends the event as part of the caller's transaction: it commits with the work it
   * describes, or not at all — for an entry that must say exactly what went in (an import's
   * committed batch), where a kill between the work's commit and the entry's would leave a
   * trace that lies. The head stays locked until that transaction ends, so call it last, just
   * before the commit; never record anything else in the same thread before then.
   *
   * @throws org.springframework.transaction.IllegalTransactionStateException when there is no
   *     transaction
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public AuditEntry recordWithinTransaction(AuditEvent event) {
    return append(event);
  }

  private AuditEntry append(AuditEvent event) {
    // Microseconds: what both databases store, so that the hash recomputes exactly.
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    JdbcAuditLog.LockedHead head = store.lockHead();
    long id = head.lastId() + 1;
    String hash = AuditChain.entryHash(id, now, event, head.lastSha256());
    AuditEntry entry = new AuditEntry(id, now, event, head.lastSha256(), hash);
    store.insert(entry);
    if (checkpointDue(head, id, now)) {
      // Decided under the head's lock and kept in the head: with several nodes appending,
      // exactly one takes each checkpoint. Written once the entry is committed, never before:
      // a checkpoint must only ever name an entry that exists.
      store.moveHeadAndCheckpoint(id, hash, now);
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                checkpoints.writeQuietly(id, hash, "interval");
              }
            });
      } else {
        checkpoints.writeQuietly(id, hash, "interval"); // auto-commit: already committed
      }
    } else {
      store.moveHead(id, hash);
    }
    return entry;
  }

  /** Every {@code checkpoint-every} entries, or the first once {@code checkpoint-interval} passed. */
  private boolean checkpointDue(JdbcAuditLog.LockedHead head, long id, Instant now) {
    return id - head.checkpointId() >= settings.checkpointEvery()
        || head.checkpointAt() == null
        || !now.isBefore(head.checkpointAt().plus(settings.checkpointInterval()))
        // A head behind its own checkpoint was moved back by hand: take one at once.
        || id <= head.checkpointId();
  }

  /**
   * Signs a checkpoint of {@code entry}, already committed, for {@code reason} (an export):
   * whoever holds what was exported can later prove it was the log as it stood.
   */
  public Checkpoint checkpoint(AuditEntry entry, String reason) throws IOException {
    return checkpoints.write(entry.id(), entry.entrySha256(), reason);
  }

  /** Signs a checkpoint of the head as it stands now (a command run from cron at quiet times). */
  @Transactional(readOnly = true)
  public Checkpoint checkpointHead() throws IOException {
    AuditChain.Head head = store.head();
    if (head.lastId() == 0) {
      throw new IllegalStateException("the audit log is empty: nothing to checkpoint");
    }
    return checkpoints.write(head.lastId(), head.lastSha256(), "command");
  }

  /** Records that the caller read a record (belonging to {@code unitId}, null if none). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRead(Access access, String objectType, Object objectId, Long unitId) {
    return recordRead(access, objectType, objectId, unitId, null);
  }

  /** Records a read, saying in {@code detail} what of the record was read (null: all of it). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRead(Access access, String objectType, Object objectId, Long unitId,
      String detail) {
    return record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.READ, objectType, objectId, unitId, access.clientAddress())
        .withDetail(detail));
  }

  /**
   * Records a read answered "not found": either nothing has that id, or it belongs to a unit
   * outside the caller's scope (then the outcome is DENIED and the record's unit is noted).
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRefusedRead(Access access, String objectType, Object objectId,
      boolean existsElsewhere, Long unitId) {
    return record(refusal(access, AuditAction.READ, objectType, objectId, existsElsewhere,
        unitId, null));
  }

  /** A refused read of part of a record, {@code what} saying which (as {@link #recordRead}). */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRefusedRead(Access access, String objectType, Object objectId,
      boolean existsElsewhere, Long unitId, String what) {
    return record(refusal(access, AuditAction.READ, objectType, objectId, existsElsewhere,
        unitId, what));
  }

  /**
   * Records a change answered "not found", as {@link #recordRefusedRead} does a read: the
   * action that was tried, DENIED with the record's unit when it belongs to a unit outside the
   * caller's scope, NOT_FOUND when nothing has that id; {@code change} names what was asked
   * (e.g. "note").
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public AuditEntry recordRefusedChange(Access access, AuditAction action, String objectType,
      Object objectId, boolean existsElsewhere, Long unitId, String change) {
    return record(refusal(access, action, objectType, objectId, existsElsewhere, unitId,
        change));
  }

  private static AuditEvent refusal(Access access, AuditAction action, String objectType,
      Object objectId, boolean existsElsewhere, Long unitId, String change) {
    String why = existsElsewhere ? "outside the caller's unit: answered 404"
        : "no such " + objectType + (change == null ? "" : ": answered 404");
    return AuditEvent.of(access.caller().username(), access.caller().role().name(), action,
            objectType, objectId, unitId, access.clientAddress())
        .withOutcome(existsElsewhere ? "DENIED" : "NOT_FOUND")
        .withDetail(change == null ? why : change + ": " + why);
  }

  /**
   * Walks the whole chain from the first entry against the checkpoints this data folder's key
   * signed, and returns where it breaks, if it does.
   */
  @Transactional(readOnly = true)
  public ChainVerification verify() throws IOException {
    return verify(checkpoints.localPublicKeys()).chain();
  }

  /**
   * Walks the whole chain against every checkpoint signed by one of {@code publicKeys} (32-byte
   * Ed25519 keys): each must name an entry of the chain, with its hash. Lines signed otherwise,
   * or that do not parse, are listed in the report and fail the verification.
   */
  @Transactional(readOnly = true)
  public AuditVerification verify(List<byte[]> publicKeys) throws IOException {
    CheckpointReport report = checkpoints.read(publicKeys);
    AuditChain.Walk walk = AuditChain.verify(store.head(), store::forEachInOrder,
        report.checkpoints());
    return new AuditVerification(walk.result(), report, walk.checked(), walk.lastChecked());
  }

  /** Where the checkpoints are read and written. */
  public AuditCheckpoints checkpoints() {
    return checkpoints;
  }

  /** Returns how many entries the log holds. */
  public long count() {
    return store.count();
  }
}
