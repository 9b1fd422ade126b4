package fr.vigie.app.intake.internal;

import fr.vigie.formats.cybertip.ReportSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code sources}: the rows reports are filed under. */
@Repository
public class JdbcSources {

  private final JdbcClient jdbc;

  JdbcSources(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A source row. */
  public record SourceRow(long id, ReportSource source) {}

  private static SourceRow row(ResultSet rs, int n) throws SQLException {
    return new SourceRow(rs.getLong("id"), new ReportSource(rs.getString("code"),
        rs.getString("name"), rs.getString("kind"), rs.getString("country")));
  }

  /** Every source, by code. */
  public List<SourceRow> all() {
    return jdbc.sql("select id, code, name, kind, country from sources order by code")
        .query(JdbcSources::row).list();
  }

  public Optional<SourceRow> byCode(String code) {
    return jdbc.sql("select id, code, name, kind, country from sources where code = ?")
        .param(code).query(JdbcSources::row).optional();
  }

  public Optional<SourceRow> byId(long id) {
    return jdbc.sql("select id, code, name, kind, country from sources where id = ?")
        .param(id).query(JdbcSources::row).optional();
  }

  /** Inserts a source unless its code exists (then empty: someone registered it first). */
  public Optional<Long> insert(ReportSource s) {
    var keys = new GeneratedKeyHolder();
    int n = jdbc.sql("""
        insert into sources (code, name, kind, country) values (?, ?, ?, ?)
        on conflict (code) do nothing
        """).params(s.code(), s.name(), s.kind(), s.country()).update(keys, "id");
    return n == 0 ? Optional.empty() : Optional.of(keys.getKey().longValue());
  }
}
