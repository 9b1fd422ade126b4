package fr.vigie.app.jobs.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.jobs.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code jobs}. */
@Repository
public class JdbcJobs {

  private final JdbcClient jdbc;

  JdbcJobs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean insertIfAbsent(String kind, String payload, String dedupeKey, Instant now) {
    boolean exists = jdbc.sql("select count(*) from jobs where dedupe_key = ?").param(dedupeKey)
        .query(Long.class).single() > 0;
    if (exists) {
      return false;
    }
    try {
      jdbc.sql("""
          insert into jobs (kind, payload, dedupe_key, status, attempts, run_after, created_at)
          values (?, ?, ?, 'READY', 0, ?, ?)
          """).params(kind, payload, dedupeKey, utc(now), utc(now)).update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false; // another node enqueued the same work at the same moment
    }
  }

  public boolean makeReadyAgain(String dedupeKey, String payload, Instant now) {
    return jdbc.sql("""
        update jobs set status = 'READY', payload = ?, attempts = 0, run_after = ?,
          claimed_by = null, claimed_at = null, finished_at = null, last_error = null
        where dedupe_key = ? and status in ('DONE', 'FAILED')
        """).params(payload, utc(now), dedupeKey).update() == 1;
  }

  /**
   * Claims ready jobs whose time has come, and running jobs whose lease expired (their node
   * died). SKIP LOCKED lets concurrent workers take different rows instead of waiting.
   */
  public List<Job> claim(List<String> kinds, String worker, int limit, Instant now,
      Duration lease) {
    List<Long> ids = jdbc.sql("""
        select id from jobs
        where kind in (:kinds)
          and ((status = 'READY' and run_after <= :now)
            or (status = 'RUNNING' and claimed_at < :expired))
        order by id
        limit :limit
        for update skip locked
        """)
        .param("kinds", kinds).param("now", utc(now))
        .param("expired", utc(now.minus(lease))).param("limit", limit)
        .query(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    jdbc.sql("""
        update jobs set status = 'RUNNING', attempts = attempts + 1, claimed_by = :worker,
          claimed_at = :now
        where id in (:ids)
        """).param("worker", worker).param("now", utc(now)).param("ids", ids).update();
    return jdbc.sql("select id, kind, payload, attempts from jobs where id in (:ids) order by id")
        .param("ids", ids)
        .query((rs, n) -> new Job(rs.getLong("id"), rs.getString("kind"),
            rs.getString("payload"), rs.getInt("attempts")))
        .list();
  }

  public void complete(long id, Instant now) {
    jdbc.sql("update jobs set status = 'DONE', finished_at = ?, last_error = null where id = ?")
        .params(utc(now), id).update();
  }

  public void retryLater(long id, String error, Instant when) {
    jdbc.sql("""
        update jobs set status = 'READY', run_after = ?, last_error = ?, claimed_by = null,
          claimed_at = null
        where id = ?
        """).params(utc(when), error, id).update();
  }

  public void giveUp(long id, String error, Instant now) {
    jdbc.sql("update jobs set status = 'FAILED', finished_at = ?, last_error = ? where id = ?")
        .params(utc(now), error, id).update();
  }

  public Map<String, Long> countByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql("select status, count(*) as n from jobs group by status order by status")
        .query(rs -> {
          counts.put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }
}
