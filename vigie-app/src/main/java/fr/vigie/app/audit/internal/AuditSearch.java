package fr.vigie.app.audit.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.audit.AuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit log newest first, filtered, for the viewer and the export.
 *
 * <p>Pages are cut by id (keyset: "older than entry N"), which the primary key and the
 * {@code (column, id)} indexes of V5 answer directly however deep the page, where an offset would
 * read and drop every row before it. The WHERE clause is assembled from fixed fragments — never
 * from user text, which only ever travels as a bound parameter — so that each filter combination
 * is a plain query the planner can match to an index, which "(:x is null or col = :x)" is not.
 */
@Repository
class AuditSearch {

  private final JdbcClient jdbc;

  AuditSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Returns at most {@code limit} entries matching the filter, older than {@code beforeId}. */
  List<AuditEntry> newestFirst(AuditFilter filter, Long beforeId, int limit) {
    Where where = where(filter, beforeId);
    Map<String, Object> params = new LinkedHashMap<>(where.params());
    params.put("limit", limit);
    return jdbc.sql("select * from audit_log" + where.sql() + " order by id desc limit :limit")
        .params(params)
        .query((rs, n) -> JdbcAuditLog.entry(rs))
        .list();
  }

  /**
   * Streams every matching entry, newest first, to the consumer without holding them in memory.
   * In a transaction because the PostgreSQL driver only reads by fetch-size batches (a cursor)
   * when auto-commit is off.
   */
  @Transactional(readOnly = true)
  public void forEachNewestFirst(AuditFilter filter, Consumer<AuditEntry> consumer) {
    Where where = where(filter, null);
    jdbc.sql("select * from audit_log" + where.sql() + " order by id desc")
        .params(where.params())
        .query(rs -> {
          consumer.accept(JdbcAuditLog.entry(rs));
        });
  }

  private record Where(String sql, Map<String, Object> params) {}

  private static Where where(AuditFilter filter, Long beforeId) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (filter.actor() != null) {
      conditions.add("actor = :actor");
      params.put("actor", filter.actor());
    }
    if (filter.objectType() != null) {
      conditions.add("object_type = :objectType");
      params.put("objectType", filter.objectType());
    }
    if (filter.objectId() != null) {
      conditions.add("object_id = :objectId");
      params.put("objectId", filter.objectId());
    }
    if (filter.action() != null) {
      conditions.add("action = :action");
      params.put("action", filter.action().name());
    }
    if (filter.from() != null) {
      conditions.add("occurred_at >= :from");
      params.put("from", utc(filter.from()));
    }
    if (filter.until() != null) {
      conditions.add("occurred_at < :until");
      params.put("until", utc(filter.until()));
    }
    if (beforeId != null) {
      conditions.add("id < :before");
      params.put("before", beforeId);
    }
    String sql = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    return new Where(sql, params);
  }
}
