package fr.vigie.app.audit.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEntry;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code audit_log} and {@code audit_head}. Never updates or deletes an entry. */
@Repository
public class JdbcAuditLog {

  private final JdbcClient jdbc;

  JdbcAuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The head as an append sees it: the last entry, and the entry and time of the last interval
   * checkpoint (0 and null before the first).
   */
  public record LockedHead(long lastId, String lastSha256, long checkpointId,
      java.time.Instant checkpointAt) {}

  /** Locks the head row until the end of the transaction and returns it. */
  public LockedHead lockHead() {
    return jdbc.sql("""
            select last_id, last_sha256, checkpoint_id, checkpoint_at from audit_head
            where id = 1 for update
            """)
        .query((rs, n) -> new LockedHead(rs.getLong("last_id"), rs.getString("last_sha256"),
            rs.getLong("checkpoint_id"), Timestamps.instant(rs, "checkpoint_at")))
        .single();
  }

  public AuditChain.Head head() {
    return jdbc.sql("select last_id, last_sha256 from audit_head where id = 1")
        .query((rs, n) -> new AuditChain.Head(rs.getLong("last_id"), rs.getString("last_sha256")))
        .single();
  }

  public void insert(AuditEntry entry) {
    AuditEvent e = entry.event();
    jdbc.sql("""
        insert into audit_log (id, occurred_at, actor, actor_role, action, object_type,
          object_id, scope_unit_id, client_address, outcome, detail, reason, prev_sha256,
          entry_sha256)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
        .params(entry.id(), utc(entry.occurredAt()), e.actor(), e.actorRole(), e.action().name(),
            e.objectType(), e.objectId(), e.scopeUnitId(), e.clientAddress(), e.outcome(),
            e.detail(), e.reason(), entry.prevSha256(), entry.entrySha256())
        .update();
  }

  public void moveHead(long lastId, String lastSha256) {
    jdbc.sql("update audit_head set last_id = ?, last_sha256 = ? where id = 1")
        .params(lastId, lastSha256).update();
  }

  /** Moves the head to an entry that is also the new interval checkpoint. */
  public void moveHeadAndCheckpoint(long lastId, String lastSha256, java.time.Instant at) {
    jdbc.sql("""
        update audit_head set last_id = ?, last_sha256 = ?, checkpoint_id = ?, checkpoint_at = ?
        where id = 1
        """).params(lastId, lastSha256, lastId, utc(at)).update();
  }

  /** Streams every entry in id order to the consumer, without holding them all in memory. */
  public void forEachInOrder(Consumer<AuditEntry> consumer) {
    jdbc.sql("select * from audit_log order by id")
        .query(rs -> {
          consumer.accept(entry(rs));
        });
  }

  public long count() {
    return jdbc.sql("select count(*) from audit_log").query(Long.class).single();
  }

  static AuditEntry entry(ResultSet rs) throws SQLException {
    long scope = rs.getLong("scope_unit_id");
    Long scopeUnitId = rs.wasNull() ? null : scope;
    AuditEvent event = new AuditEvent(rs.getString("actor"), rs.getString("actor_role"),
        AuditAction.valueOf(rs.getString("action")), rs.getString("object_type"),
        rs.getString("object_id"), scopeUnitId, rs.getString("client_address"),
        rs.getString("outcome"), rs.getString("detail"), rs.getString("reason"));
    return new AuditEntry(rs.getLong("id"), Timestamps.instant(rs, "occurred_at"), event,
        rs.getString("prev_sha256"), rs.getString("entry_sha256"));
  }
}
