package fr.vigie.app.jobs.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobOutcome;
import fr.vigie.app.jobs.JobRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code jobs}. Every change of a job's state is one statement on its row, so that
 * requests, claims, renewals and finishes by different nodes are serialised by the row lock and
 * none is lost between a read and a write.
 */
@Repository
public class JdbcJobs {

  private final JdbcClient jdbc;

  JdbcJobs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds a ready job unless one has that dedupe key; returns whether it added one. ON CONFLICT
   * rather than catching the duplicate key: on PostgreSQL a failed insert aborts the caller's
   * whole transaction (e.g. the import run it registers with the job).
   */
  public boolean insertIfAbsent(String kind, String payload, String dedupeKey, Instant now) {
    return jdbc.sql("""
        insert into jobs (kind, payload, dedupe_key, status, attempts, run_after, created_at)
        values (?, ?, ?, 'READY', 0, ?, ?)
        on conflict (dedupe_key) do nothing
        """).params(kind, payload, dedupeKey, utc(now), utc(now)).update() == 1;
  }

  /**
   * Asks for the job with that key to run (again): see {@link JobRequest}. The row is locked
   * first, so a worker finishing it at the same moment either finishes before (the job is then
   * made ready again) or after (it then sees the re-run request).
   */
  public JobRequest request(String kind, String payload, String dedupeKey, Instant now) {
    if (insertIfAbsent(kind, payload, dedupeKey, now)) {
      return JobRequest.ADDED;
    }
    String status = jdbc.sql("select status from jobs where dedupe_key = ? for update")
        .param(dedupeKey).query(String.class).single();
    return switch (status) {
      case "DONE", "FAILED" -> {
        jdbc.sql("""
            update jobs set status = 'READY', payload = ?, attempts = 0, run_after = ?,
              rerun_requested = false, finished_at = null, last_error = null,
              lease_until = null, lease_token = null
            where dedupe_key = ?
            """).params(payload, utc(now), dedupeKey).update();
        yield JobRequest.READY_AGAIN;
      }
      case "READY" -> {
        jdbc.sql("update jobs set payload = ? where dedupe_key = ?").params(payload, dedupeKey)
            .update();
        yield JobRequest.ALREADY_WAITING;
      }
      case "RUNNING" -> {
        // The run under way keeps the payload it read; the next one reads this one.
        jdbc.sql("update jobs set payload = ?, rerun_requested = true where dedupe_key = ?")
            .params(payload, dedupeKey).update();
        yield JobRequest.AFTER_CURRENT_RUN;
      }
      default -> throw new IllegalStateException("job " + dedupeKey + " in state " + status);
    };
  }

  /**
   * Claims ready jobs whose time has come, and running jobs whose lease expired (their node
   * died), for {@code worker} until {@code leaseUntil}. SKIP LOCKED lets concurrent workers take
   * different rows instead of waiting. A claim starts after every request made so far and reads
   * the latest payload, so it clears any re-run request.
   */
  public List<Job> claim(List<String> kinds, String worker, int limit, Instant now,
      Instant leaseUntil) {
    List<Long> ids = jdbc.sql("""
        select id from jobs
        where status in ('READY', 'RUNNING') and kind in (:kinds)
          and ((status = 'READY' and run_after <= :now)
            or (status = 'RUNNING' and lease_until < :now))
        order by id
        limit :limit
        for update skip locked
        """)
        .param("kinds", kinds).param("now", utc(now)).param("limit", limit)
        .query(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    UUID token = UUID.randomUUID();
    return jdbc.sql("""
        update jobs set status = 'RUNNING', attempts = attempts + 1, claimed_by = :worker,
          claimed_at = :now, lease_until = :until, lease_token = :token,
          rerun_requested = false
        where id in (:ids)
        returning id, kind, dedupe_key, payload, attempts, lease_token
        """)
        .param("worker", worker).param("now", utc(now)).param("until", utc(leaseUntil))
        .param("token", token).param("ids", ids)
        .query((rs, n) -> new Job(rs.getLong("id"), rs.getString("kind"),
            rs.getString("dedupe_key"), rs.getString("payload"), rs.getInt("attempts"),
            rs.getObject("lease_token", UUID.class)))
        .list().stream().sorted(Comparator.comparingLong(Job::id)).toList();
  }

  /** Pushes the leases of these jobs forward; returns the ids of those the claim still holds. */
  public Set<Long> renew(List<Job> jobs, Instant leaseUntil) {
    Set<Long> held = new HashSet<>();
    Map<UUID, List<Long>> byLease = new LinkedHashMap<>();
    jobs.forEach(j -> byLease.computeIfAbsent(j.lease(), l -> new java.util.ArrayList<>())
        .add(j.id()));
    byLease.forEach((lease, ids) -> held.addAll(jdbc.sql("""
        update jobs set lease_until = :until
        where id in (:ids) and lease_token = :token and status = 'RUNNING'
        returning id
        """).param("until", utc(leaseUntil)).param("ids", ids).param("token", lease)
        .query(Long.class).list()));
    return held;
  }

  /**
   * Finishes a job its claim still holds: DONE, or READY again when a request came in while it
   * ran. Returns {@link JobOutcome#LEASE_LOST} (and changes nothing) when the claim lost it.
   */
  public JobOutcome complete(Job job, Instant now) {
    Optional<Boolean> again = jdbc.sql("""
        update jobs set
          status = case when rerun_requested then 'READY' else 'DONE' end,
          attempts = case when rerun_requested then 0 else attempts end,
          run_after = case when rerun_requested then :now else run_after end,
          finished_at = case when rerun_requested then null else :now end,
          last_error = null, rerun_requested = false, lease_until = null, lease_token = null
        where id = :id and lease_token = :token and status = 'RUNNING'
        returning status = 'READY'
        """).param("now", utc(now)).param("id", job.id()).param("token", job.lease())
        .query(Boolean.class).optional();
    return again.map(a -> a ? JobOutcome.RUN_AGAIN : JobOutcome.DONE)
        .orElse(JobOutcome.LEASE_LOST);
  }

  /**
   * Records a failed attempt of a job its claim still holds: READY at {@code retryAt}, or FAILED
   * when {@code giveUp}; a request that came in while it ran makes it READY at {@code retryAt}
   * with its attempts counted afresh (what was asked for has not been tried yet).
   */
  public JobOutcome fail(Job job, String error, boolean giveUp, Instant retryAt, Instant now) {
    Optional<String> status = jdbc.sql("""
        update jobs set
          status = case when rerun_requested or not :giveUp then 'READY' else 'FAILED' end,
          attempts = case when rerun_requested then 0 else attempts end,
          run_after = case when rerun_requested or not :giveUp then :retryAt else run_after end,
          finished_at = case when rerun_requested or not :giveUp then null else :now end,
          last_error = :error, rerun_requested = false, lease_until = null, lease_token = null
        where id = :id and lease_token = :token and status = 'RUNNING'
        returning status
        """).param("giveUp", giveUp).param("retryAt", utc(retryAt)).param("now", utc(now))
        .param("error", error).param("id", job.id()).param("token", job.lease())
        .query(String.class).optional();
    return status.map(s -> s.equals("FAILED") ? JobOutcome.GAVE_UP : JobOutcome.RETRY_LATER)
        .orElse(JobOutcome.LEASE_LOST);
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
