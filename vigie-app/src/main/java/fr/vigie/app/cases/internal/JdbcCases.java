package fr.vigie.app.cases.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.cases.CaseDraft;
import fr.vigie.app.cases.CaseFile;
import fr.vigie.app.cases.HeldBy;
import fr.vigie.app.security.Access;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code cases} and {@code case_suspects}; reads for a caller carry the scope. */
@Repository
public class JdbcCases {

  private static final String SELECT = """
      select c.id, c.reference, c.title, c.unit_id, u.code as unit_code, c.status, c.opened_at,
             c.opened_by
      from cases c left join units u on u.id = c.unit_id
      """;
  private static final String SCOPE = "(:national or c.unit_id = :unit)";

  private final JdbcClient jdbc;

  JdbcCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<CaseFile> findVisible(Access access, int page, int size) {
    return jdbc.sql(SELECT + " where " + SCOPE
            + " order by c.opened_at desc, c.id desc limit :size offset :offset")
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("size", size).param("offset", (long) page * size)
        .query(CaseRow.class).list().stream().map(this::withSuspects).toList();
  }

  /**
   * Returns the next {@code size} cases the caller may see after {@code last} (null: from the
   * newest), in the list's order: keyset, so that an export walks the whole list; each with its
   * suspects' references in the same query.
   */
  public List<CaseFile> findVisibleAfter(Access access, CaseFile last, int size) {
    return jdbc.sql("""
        select c.id, c.reference, c.title, c.unit_id, u.code as unit_code, c.status, c.opened_at,
               c.opened_by,
               (select string_agg(s.reference, chr(10) order by s.reference)
                from case_suspects cs join suspects s on s.id = cs.suspect_id
                where cs.case_id = c.id) as suspect_references
        from cases c left join units u on u.id = c.unit_id
        where %s
          and (cast(:lastAt as timestamptz) is null or (c.opened_at, c.id) < (:lastAt, :lastId))
        order by c.opened_at desc, c.id desc
        limit :size
        """.formatted(SCOPE))
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("lastAt", last == null ? null
            : last.openedAt().atOffset(java.time.ZoneOffset.UTC))
        .param("lastId", last == null ? 0L : last.id())
        .param("size", size)
        .query((rs, n) -> {
          String refs = rs.getString("suspect_references");
          return new CaseFile(rs.getLong("id"), rs.getString("reference"),
              rs.getString("title"), rs.getObject("unit_id", Long.class),
              rs.getString("unit_code"), rs.getString("status"),
              rs.getObject("opened_at", java.time.OffsetDateTime.class).toInstant(),
              rs.getString("opened_by"), refs == null ? List.of() : List.of(refs.split("\n")));
        }).list();
  }

  public Optional<CaseFile> findVisible(Access access, long id) {
    return jdbc.sql(SELECT + " where c.id = :id and " + SCOPE)
        .param("id", id).param("national", access.national()).param("unit", access.unitOrNone())
        .query(CaseRow.class).optional().map(this::withSuspects);
  }

  /** Unscoped: only to record, in the audit log, where a refused id belongs. */
  public Optional<CaseFile> findAnyForAudit(long id) {
    return jdbc.sql(SELECT + " where c.id = :id").param("id", id)
        .query(CaseRow.class).optional().map(this::withSuspects);
  }

  public long insert(CaseDraft draft) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into cases (reference, title, unit_id, status, opened_at, opened_by)
        values (:reference, :title, (select id from units where code = :unit), 'OPEN', :at, :by)
        """)
        .param("reference", draft.reference()).param("title", draft.title())
        .param("unit", draft.unitCode()).param("at", utc(draft.openedAt()))
        .param("by", draft.openedBy())
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (Long suspectId : draft.suspectIds()) {
      jdbc.sql("insert into case_suspects (case_id, suspect_id) values (?, ?)")
          .params(id, suspectId).update();
    }
    jdbc.sql("""
        insert into case_events (case_id, occurred_at, actor, kind, detail)
        values (?, ?, ?, 'OPENED', ?)
        """).params(id, utc(draft.openedAt()), draft.openedBy(), draft.title()).update();
    return id;
  }

  /**
   * The cases that hold these suspects (open ones only if {@code openOnly}), with whether the
   * caller may see each, ordered by suspect reference then case opening. Unscoped on purpose:
   * the one-open-case rule holds across units, and a case the caller may not see is named
   * without its content.
   */
  public List<HeldBy> holders(Access access, List<Long> suspectIds, boolean openOnly) {
    return holders(access.national(), access.unitOrNone(), suspectIds, openOnly);
  }

  /** The same, for a caller who sees every unit ({@code national}) or only {@code unit}. */
  public List<HeldBy> holders(boolean national, long unit, List<Long> suspectIds,
      boolean openOnly) {
    if (suspectIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select s.id as suspect_id, s.reference as suspect_reference, c.id as case_id,
               c.reference as case_reference, c.title, c.status,
               (:national or c.unit_id = :unit) as visible
        from case_suspects cs
        join cases c on c.id = cs.case_id
        join suspects s on s.id = cs.suspect_id
        where cs.suspect_id in (:ids)
        """ + (openOnly ? " and c.status <> 'CLOSED'" : "") + """

        order by s.reference, c.opened_at, c.id
        """)
        .param("ids", suspectIds).param("national", national).param("unit", unit)
        .query((rs, n) -> new HeldBy(rs.getLong("suspect_id"), rs.getString("suspect_reference"),
            rs.getLong("case_id"), rs.getString("case_reference"), rs.getString("title"),
            rs.getString("status"), rs.getBoolean("visible")))
        .list();
  }

  /**
   * Locks the suspects' rows until the transaction ends, so that two cases opened at once for
   * one suspect cannot both find it in no open case.
   */
  public void lockSuspects(List<Long> suspectIds) {
    jdbc.sql("select id from suspects where id in (:ids) order by id for update")
        .param("ids", suspectIds).query(Long.class).list();
  }

  private CaseFile withSuspects(CaseRow row) {
    List<String> suspects = jdbc.sql("""
        select s.reference from case_suspects cs join suspects s on s.id = cs.suspect_id
        where cs.case_id = ? order by s.reference
        """).param(row.id()).query(String.class).list();
    return new CaseFile(row.id(), row.reference(), row.title(), row.unitId(), row.unitCode(),
        row.status(), row.openedAt() == null ? null : row.openedAt().toInstant(), row.openedBy(),
        suspects);
  }

  /** One row of the select above, mapped by column name. */
  record CaseRow(long id, String reference, String title, Long unitId, String unitCode,
      String status, java.time.OffsetDateTime openedAt, String openedBy) {}
}
