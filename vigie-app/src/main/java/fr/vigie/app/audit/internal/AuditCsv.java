package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditEntry;
import fr.vigie.app.audit.AuditEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of the audit export. Both times are given: UTC as stored (what the hash covers, to
 * six fraction digits) and Paris with its offset, as the viewer shows it. The two hashes let an
 * auditor re-check the chain from the file alone (docs/audit.md).
 */
final class AuditCsv {

  static final List<String> HEADER = List.of("id", "occurred_at_utc", "occurred_at_paris",
      "actor", "actor_role", "action", "object_type", "object_id", "scope_unit_id",
      "client_address", "outcome", "detail", "reason", "prev_sha256", "entry_sha256");

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter PARIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ParisTime.PARIS);

  private AuditCsv() {}

  static List<String> fields(AuditEntry entry) {
    AuditEvent e = entry.event();
    return Arrays.asList(Long.toString(entry.id()), UTC.format(entry.occurredAt()),
        PARIS.format(entry.occurredAt()), e.actor(), e.actorRole(), e.action().name(),
        e.objectType(), e.objectId(), e.scopeUnitId() == null ? null : e.scopeUnitId().toString(),
        e.clientAddress(), e.outcome(), e.detail(), e.reason(), entry.prevSha256(),
        entry.entrySha256());
  }
}
