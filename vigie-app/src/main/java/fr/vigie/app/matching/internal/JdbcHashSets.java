package fr.vigie.app.matching.internal;

import fr.vigie.app.matching.HashSetCounts;
import fr.vigie.app.matching.HashSetDraft;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code hash_sets} and {@code hash_entries}. */
@Repository
public class JdbcHashSets {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcHashSets(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  public boolean exists(String name, String version) {
    return jdbc.sql("select count(*) from hash_sets where name = ? and version = ?")
        .params(name, version).query(Long.class).single() > 0;
  }

  public void insert(HashSetDraft draft, String importedBy) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into hash_sets (name, version, format, kind, authority, published_on, legal_basis,
          status, entry_count, imported_by)
        values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)
        """)
        .params(draft.name(), draft.version(), draft.format(), draft.kind(), draft.authority(),
            draft.publishedOn(), draft.legalBasis(), draft.entries().size(), importedBy)
        .update(keys, "id");
    long setId = keys.getKey().longValue();
    List<Object[]> rows = draft.entries().stream()
        .map(e -> new Object[] {setId, e.algorithm(), e.value(), e.category(),
            e.originalCategory(), e.series()})
        .toList();
    template.batchUpdate("""
        insert into hash_entries (set_id, algorithm, hash_value, category, original_category, series)
        values (?, ?, ?, ?, ?, ?)
        """, rows);
  }

  public HashSetCounts counts() {
    return jdbc.sql("""
        select count(*) as sets, coalesce(sum(entry_count), 0) as entries
        from hash_sets where status = 'ACTIVE'
        """)
        .query((rs, n) -> new HashSetCounts(rs.getLong("sets"), rs.getLong("entries")))
        .single();
  }
}
