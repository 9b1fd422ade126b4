package fr.vigie.app.matching.internal;

import fr.vigie.app.matching.HashSetCounts;
import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.app.matching.HashSetSummary;
import fr.vigie.app.storage.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code hash_sets}, {@code hash_entries} and the {@code active} flag of matches. */
@Repository
public class JdbcHashSets {

  private static final int BATCH = 5_000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcHashSets(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** A stored version of a named set. */
  public record Version(long id, String version, String status) {}

  public boolean exists(String name, String version) {
    return jdbc.sql("select count(*) from hash_sets where name = ? and version = ?")
        .params(name, version).query(Long.class).single() > 0;
  }

  /** Returns every version of the name, locking those rows until the transaction ends. */
  public List<Version> lockVersions(String name) {
    return jdbc.sql("select id, version, status from hash_sets where name = ? for update")
        .param(name)
        .query((rs, n) -> new Version(rs.getLong("id"), rs.getString("version"),
            rs.getString("status")))
        .list();
  }

  public long insert(HashSetDraft draft, String importedBy) {
    return insert(draft, null, 0, 0, importedBy);
  }

  public long insert(HashSetDraft draft, String categoryScheme, long rejected, long skipped,
      String importedBy) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into hash_sets (name, version, format, kind, authority, published_on, legal_basis,
          status, entry_count, imported_by, category_scheme, rejected_count, skipped_count)
        values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?)
        """)
        .params(draft.name(), draft.version(), draft.format(), draft.kind(), draft.authority(),
            draft.publishedOn(), draft.legalBasis(), draft.entries().size(), importedBy,
            categoryScheme, rejected, skipped)
        .update(keys, "id");
    long setId = keys.getKey().longValue();
    List<HashSetDraft.Entry> entries = draft.entries();
    for (int from = 0; from < entries.size(); from += BATCH) {
      List<Object[]> rows = entries.subList(from, Math.min(entries.size(), from + BATCH)).stream()
          .map(e -> new Object[] {setId, e.algorithm(), e.value(), e.category(),
              e.originalCategory(), e.series()})
          .toList();
      template.batchUpdate("""
          insert into hash_entries (set_id, algorithm, hash_value, category, original_category,
            series)
          values (?, ?, ?, ?, ?, ?)
          """, rows);
    }
    return setId;
  }

  /** Retires the set and deactivates its matches; history stays. */
  public void retire(long setId, Instant at) {
    jdbc.sql("update hash_sets set status = 'RETIRED', retired_at = ? where id = ?")
        .params(Timestamps.utc(at), setId).update();
    jdbc.sql("update matches set active = false where set_id = ?").param(setId).update();
  }

  public HashSetCounts counts() {
    return jdbc.sql("""
        select count(*) as sets, coalesce(sum(entry_count), 0) as entries
        from hash_sets where status = 'ACTIVE'
        """)
        .query((rs, n) -> new HashSetCounts(rs.getLong("sets"), rs.getLong("entries")))
        .single();
  }

  /** Returns every set, active ones first, then by name and newest import. */
  public List<HashSetSummary> list() {
    Map<Long, Map<Integer, Long>> perCategory = new HashMap<>();
    jdbc.sql("""
        select set_id, category, count(*) as n from hash_entries group by set_id, category
        """)
        .query((RowCallbackHandler) rs -> perCategory
            .computeIfAbsent(rs.getLong("set_id"), k -> new HashMap<>())
            .put(rs.getInt("category"), rs.getLong("n")));
    return jdbc.sql("""
        select id, name, version, format, kind, authority, published_on, legal_basis,
          category_scheme, status, entry_count, rejected_count, skipped_count, imported_at,
          imported_by, retired_at
        from hash_sets
        order by case when status = 'ACTIVE' then 0 else 1 end, name, imported_at desc, id desc
        """)
        .query((rs, n) -> {
          long id = rs.getLong("id");
          LocalDate published = rs.getObject("published_on", LocalDate.class);
          return new HashSetSummary(id, rs.getString("name"), rs.getString("version"),
              rs.getString("format"), rs.getString("kind"), rs.getString("authority"), published,
              rs.getString("legal_basis"), rs.getString("category_scheme"),
              rs.getString("status"), rs.getLong("entry_count"), rs.getLong("rejected_count"),
              rs.getLong("skipped_count"), Timestamps.instant(rs, "imported_at"),
              rs.getString("imported_by"), Timestamps.instant(rs, "retired_at"),
              perCategory.getOrDefault(id, Map.of()));
        })
        .list();
  }

  /** One active entry, as the in-memory index loads it. */
  public interface EntrySink {
    void accept(long entryId, long setId, String algorithm, String hex, int category);
  }

  /** Streams every entry of the active sets to the sink. */
  public void forEachActiveEntry(EntrySink sink) {
    jdbc.sql("""
        select e.id, e.set_id, e.algorithm, e.hash_value, e.category
        from hash_entries e join hash_sets s on s.id = e.set_id
        where s.status = 'ACTIVE'
        """)
        .query((RowCallbackHandler) rs -> sink.accept(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getInt(5)));
  }

  /** The active sets' names, versions and kinds, by id. */
  public record ActiveSet(long id, String name, String version, String kind) {}

  public List<ActiveSet> activeSets() {
    return new ArrayList<>(jdbc.sql("""
        select id, name, version, kind from hash_sets where status = 'ACTIVE'
        """)
        .query((rs, n) -> new ActiveSet(rs.getLong("id"), rs.getString("name"),
            rs.getString("version"), rs.getString("kind")))
        .list());
  }

  /** A value that changes whenever a set is imported or retired, by any process. */
  public String fingerprint() {
    return jdbc.sql("""
        select count(*) as n, coalesce(sum(id), 0) as ids from hash_sets where status = 'ACTIVE'
        """)
        .query((rs, n) -> rs.getLong("n") + ":" + rs.getLong("ids")).single();
  }
}
