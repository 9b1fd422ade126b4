package fr.vigie.app.suspects.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.suspects.Suspect;
import fr.vigie.app.suspects.SuspectDraft;
import fr.vigie.app.suspects.SuspectIdentifier;
import fr.vigie.app.suspects.SuspectLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code suspects} and {@code suspect_identifiers}. Every read for a caller carries the
 * caller's scope in its WHERE clause: {@code (:national or s.unit_id = :unit)}.
 */
@Repository
public class JdbcSuspects {

  private static final String COLUMNS = """
      s.id, s.reference, s.display_name, s.unit_id, u.code as unit_code, s.departement_code,
      s.status, s.created_at
      """;
  private static final String SCOPE = "(:national or s.unit_id = :unit)";

  private final JdbcClient jdbc;

  JdbcSuspects(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Suspect> findVisible(Access access, int page, int size) {
    return jdbc.sql("""
        select %s from suspects s left join units u on u.id = s.unit_id
        where %s and s.status <> 'MERGED'
        order by s.created_at desc, s.id desc
        limit :size offset :offset
        """.formatted(COLUMNS, SCOPE))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("size", size).param("offset", (long) page * size)
        .query(JdbcSuspects::suspect).list();
  }

  /**
   * Returns the next {@code size} suspects the caller may see after {@code last} (null: from
   * the newest), in the list's order: keyset, so that an export walks the whole list.
   */
  public List<Suspect> findVisibleAfter(Access access, Suspect last, int size) {
    return jdbc.sql("""
        select %s from suspects s left join units u on u.id = s.unit_id
        where %s and s.status <> 'MERGED'
          and (cast(:lastAt as timestamptz) is null or (s.created_at, s.id) < (:lastAt, :lastId))
        order by s.created_at desc, s.id desc
        limit :size
        """.formatted(COLUMNS, SCOPE))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("lastAt", last == null ? null : utc(last.createdAt()))
        .param("lastId", last == null ? 0L : last.id())
        .param("size", size)
        .query(JdbcSuspects::suspect).list();
  }

  public long countVisible(Access access) {
    return jdbc.sql("select count(*) from suspects s where %s and s.status <> 'MERGED'"
            .formatted(SCOPE))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query(Long.class).single();
  }

  public Optional<Suspect> findVisible(Access access, long id) {
    return jdbc.sql("""
        select %s from suspects s left join units u on u.id = s.unit_id
        where s.id = :id and %s
        """.formatted(COLUMNS, SCOPE))
        .param("id", id).param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcSuspects::suspect).optional();
  }

  /** Unscoped: only to record, in the audit log, where a refused id belongs. */
  public Optional<Suspect> findAnyForAudit(long id) {
    return jdbc.sql("""
        select %s from suspects s left join units u on u.id = s.unit_id where s.id = :id
        """.formatted(COLUMNS))
        .param("id", id).query(JdbcSuspects::suspect).optional();
  }

  public List<SuspectIdentifier> identifiersOf(long suspectId) {
    return jdbc.sql("""
        select kind, canonical_key, first_seen_at from suspect_identifiers
        where suspect_id = ? order by kind, canonical_key
        """)
        .param(suspectId)
        .query((rs, n) -> new SuspectIdentifier(rs.getString("kind"),
            rs.getString("canonical_key"), Timestamps.instant(rs, "first_seen_at")))
        .list();
  }

  /** The IP events of the answers that named the suspect's subscribers, or its links' evidence. */
  public List<Long> ipEventsOf(long suspectId) {
    return jdbc.sql("""
        select ri.ip_event_id
        from suspect_identifiers si
        join subscriber_link_keys k on k.node_key = si.kind || '|' || si.canonical_key
        join subscribers sub on sub.id = k.subscriber_id
        join requisition_items ri on ri.id = sub.requisition_item_id
        where si.suspect_id = :id and si.kind = 'SUBSCRIBER'
        union
        select ri.ip_event_id
        from links l
        join suspect_identifiers f on f.id = l.from_identifier
        join suspect_identifiers t on t.id = l.to_identifier
        join subscribers sub on l.evidence_type = 'SUBSCRIBER' and sub.id = l.evidence_id
        join requisition_items ri on ri.id = sub.requisition_item_id
        where f.suspect_id = :id or t.suspect_id = :id
        """).param("id", suspectId).query(Long.class).list();
  }

  /** Links with an end in the suspect; for a subscriber's evidence, its IP event and report. */
  public List<SuspectLink> linksOf(long suspectId) {
    return jdbc.sql("""
        select l.id, f.kind as from_kind, f.canonical_key as from_value, t.kind as to_kind,
          t.canonical_key as to_value, f.suspect_id as from_suspect, t.suspect_id as to_suspect,
          fs.reference as from_reference, ts.reference as to_reference, l.rule, l.kind,
          l.weight, l.status, l.evidence_type, l.evidence_id, e.id as event_id,
          e.report_id as event_report, l.decided_by, l.decided_at
        from links l
        join suspect_identifiers f on f.id = l.from_identifier
        join suspect_identifiers t on t.id = l.to_identifier
        join suspects fs on fs.id = f.suspect_id
        join suspects ts on ts.id = t.suspect_id
        left join subscribers sub on l.evidence_type = 'SUBSCRIBER' and sub.id = l.evidence_id
        left join requisition_items ri on ri.id = sub.requisition_item_id
        left join ip_events e on e.id = ri.ip_event_id
        where f.suspect_id = :id or t.suspect_id = :id
        order by case l.status when 'PROPOSED' then 0 when 'CONFIRMED' then 1 else 2 end,
          l.weight desc, l.id
        """)
        .param("id", suspectId)
        .query((rs, n) -> {
          long fromSuspect = rs.getLong("from_suspect");
          boolean fromHere = fromSuspect == suspectId;
          long other = fromHere ? rs.getLong("to_suspect") : fromSuspect;
          String otherRef = fromHere ? rs.getString("to_reference")
              : rs.getString("from_reference");
          String type = rs.getString("evidence_type");
          long evidence = rs.getLong("evidence_id");
          long eventReport = rs.getLong("event_report");
          Long report = "REPORT".equals(type) ? Long.valueOf(evidence)
              : rs.wasNull() ? null : Long.valueOf(eventReport);
          long event = rs.getLong("event_id");
          Long eventId = rs.wasNull() ? null : event;
          return new SuspectLink(rs.getLong("id"), rs.getString("from_kind"),
              rs.getString("from_value"), rs.getString("to_kind"), rs.getString("to_value"),
              other == suspectId ? null : other, other == suspectId ? null : otherRef,
              rs.getString("rule"), rs.getString("kind"), rs.getDouble("weight"),
              rs.getString("status"), type, evidence, report, eventId,
              rs.getString("decided_by"), Timestamps.instant(rs, "decided_at"));
        })
        .list();
  }

  public long insert(SuspectDraft draft) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status,
          created_at, updated_at)
        values (:reference, :name, (select id from units where code = :unit), :departement,
          'ACTIVE', :at, :at)
        """)
        .param("reference", draft.reference()).param("name", draft.displayName())
        .param("unit", draft.unitCode()).param("departement", draft.departementCode())
        .param("at", utc(draft.createdAt()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (SuspectIdentifier identifier : draft.identifiers()) {
      jdbc.sql("""
          insert into suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)
          values (?, ?, ?, ?)
          """)
          .params(id, identifier.kind(), identifier.canonicalKey(),
              utc(identifier.firstSeenAt()))
          .update();
    }
    return id;
  }

  private static Suspect suspect(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    return new Suspect(rs.getLong("id"), rs.getString("reference"), rs.getString("display_name"),
        unitId, rs.getString("unit_code"), rs.getString("departement_code"),
        rs.getString("status"), Timestamps.instant(rs, "created_at"));
  }

  /** Counts the active suspects of the département held by the unit that covers it. */
  public long countActiveByDepartement(String departementCode, long unitId) {
    return jdbc.sql("""
        select count(*) from suspects
        where departement_code = ? and unit_id = ? and status = 'ACTIVE'
        """).params(departementCode, unitId).query(Long.class).single();
  }

  /** Moves those active suspects to another unit and returns how many moved. */
  public int moveActiveByDepartement(String departementCode, long fromUnitId, long toUnitId) {
    return jdbc.sql("""
        update suspects set unit_id = ?, updated_at = current_timestamp
        where departement_code = ? and unit_id = ? and status = 'ACTIVE'
        """).params(toUnitId, departementCode, fromUnitId).update();
  }
}
