package fr.vigie.app.intake.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code import_refusals}: a job's refusals, summarised by reason ({@link Refusals}). */
@Repository
public class JdbcRefusals {

  private final JdbcClient jdbc;

  JdbcRefusals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds a batch's refusals to the job's summary, in the caller's transaction: a reason met
   * before gets its count raised and keeps its first names; the first occurrence stays the first.
   */
  public void addAll(long jobId, Refusals batch) {
    for (Refusals.Summary s : batch.summaries()) {
      jdbc.sql("""
          insert into import_refusals (job_id, reason, occurrences, first_file, first_line,
            first_column, first_field, examples)
          values (?, ?, ?, ?, ?, ?, ?, ?)
          on conflict (job_id, reason) do update set
            occurrences = import_refusals.occurrences + excluded.occurrences,
            examples = (import_refusals.examples || excluded.examples)[1:%d]
          """.formatted(Refusals.EXAMPLES))
          .params(jobId, s.reason(), s.occurrences(), cut(s.firstFile(), 500), s.firstLine(),
              s.firstColumn(), cut(s.firstField(), 200),
              s.examples().stream().map(n -> cut(n, 500)).toArray(String[]::new))
          .update();
    }
  }

  /** The job's refusals, in the order their reasons were first met. */
  public List<Refusals.Summary> ofJob(long jobId) {
    return jdbc.sql("""
        select reason, occurrences, first_file, first_line, first_column, first_field, examples
        from import_refusals where job_id = ? order by id
        """).param(jobId)
        .query((rs, n) -> new Refusals.Summary(rs.getString("reason"), rs.getLong("occurrences"),
            rs.getString("first_file"), rs.getLong("first_line"), rs.getLong("first_column"),
            rs.getString("first_field"),
            List.of((String[]) rs.getArray("examples").getArray())))
        .list();
  }

  /** Refusals counted so far for a job (its page shows them while it runs). */
  public long count(long jobId) {
    return jdbc.sql("select coalesce(sum(occurrences), 0) from import_refusals where job_id = ?")
        .param(jobId).query(Long.class).single();
  }

  /** Keeps the start, where the entry name's folder is (unlike a path, cut from the left). */
  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
