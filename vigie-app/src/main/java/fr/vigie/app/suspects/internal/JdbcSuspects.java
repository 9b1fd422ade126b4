package fr.vigie.app.suspects.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.suspects.Suspect;
import fr.vigie.app.suspects.SuspectDraft;
import fr.vigie.app.suspects.SuspectIdentifier;
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
}
